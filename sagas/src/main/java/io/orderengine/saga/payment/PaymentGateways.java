package io.orderengine.saga.payment;

import io.orderengine.messages.order.PaymentMethod;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The gateways the engine is configured for, one per provider. A provider without keys has none and is not offered at checkout. */
public final class PaymentGateways {

    private final Map<PaymentMethod, PaymentGateway> byMethod = new EnumMap<>(PaymentMethod.class);

    public PaymentGateways(Collection<? extends PaymentGateway> gateways) {
        for (PaymentGateway gateway : gateways) {
            if (byMethod.put(gateway.method(), gateway) != null) {
                throw new IllegalArgumentException("two gateways for " + gateway.method());
            }
        }
    }

    /** The gateway of {@code method}; a {@link PaymentGatewayException} of kind REJECTED when it is not configured. */
    public PaymentGateway gateway(PaymentMethod method) {
        PaymentGateway gateway = byMethod.get(method);
        if (gateway == null) {
            throw PaymentGatewayException.rejected(
                    "payment provider " + method.wireName() + " is not configured", null);
        }
        return gateway;
    }

    public boolean offers(PaymentMethod method) {
        return byMethod.containsKey(method);
    }

    /** The providers a checkout may choose. */
    public Set<PaymentMethod> methods() {
        return Set.copyOf(byMethod.keySet());
    }
}
