package io.orderengine.saga.payment;

import io.orderengine.messages.common.Money;
import java.util.Objects;

/** Money given back at the gateway: the gateway's refund reference, the amount, and the engine's refund id when the engine asked for it (null for refunds made elsewhere, e.g. in the provider's dashboard). */
public record Refund(String refundReference, Money amount, String refundId) {
    public Refund {
        Objects.requireNonNull(refundReference, "refundReference");
        Objects.requireNonNull(amount, "amount");
    }
}
