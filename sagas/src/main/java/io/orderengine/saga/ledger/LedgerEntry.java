package io.orderengine.saga.ledger;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import java.time.Instant;

/** One movement of money at a gateway: a capture or a refund of {@code amount}, under the gateway's {@code reference}, for an order's payment. */
public record LedgerEntry(
        Type type,
        PaymentMethod provider,
        String reference,
        OrderId orderId,
        String paymentReference,
        Money amount,
        Instant recordedAt) {

    /** Money taken or money given back. */
    public enum Type {
        CAPTURE,
        REFUND
    }

    /** The unique key of an entry: provider, gateway reference and type in one string. */
    static String idOf(PaymentMethod provider, String reference, Type type) {
        return provider.wireName() + ":" + reference + ":" + type.name();
    }
}
