package io.orderengine.saga.inbox;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.payment.Refund;
import java.util.List;
import java.util.Objects;

/**
 * What a gateway told the engine about an order's payment, whichever provider said it: the customer authorized it,
 * the money was captured, the payment failed, money was refunded, or the payment is disputed. Card data is limited
 * to brand and last 4.
 */
public record PaymentNotification(
        Kind kind,
        PaymentMethod provider,
        OrderId orderId,
        String paymentReference,
        Money amount,
        String cardBrand,
        String cardLast4,
        String captureReference,
        List<Refund> refunds,
        String reason) {

    /** What happened at the gateway. */
    public enum Kind {
        AUTHORIZED,
        CAPTURED,
        FAILED,
        REFUNDED,
        DISPUTED
    }

    public PaymentNotification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(orderId, "orderId");
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }

    public static PaymentNotification authorized(
            PaymentMethod provider,
            OrderId orderId,
            String paymentReference,
            Money amount,
            String cardBrand,
            String cardLast4) {
        return new PaymentNotification(
                Kind.AUTHORIZED,
                provider,
                orderId,
                paymentReference,
                amount,
                cardBrand,
                cardLast4,
                null,
                List.of(),
                null);
    }

    public static PaymentNotification captured(
            PaymentMethod provider,
            OrderId orderId,
            String paymentReference,
            Money amount,
            String cardBrand,
            String cardLast4,
            String captureReference) {
        return new PaymentNotification(
                Kind.CAPTURED,
                provider,
                orderId,
                paymentReference,
                amount,
                cardBrand,
                cardLast4,
                captureReference,
                List.of(),
                null);
    }

    public static PaymentNotification failed(
            PaymentMethod provider, OrderId orderId, String paymentReference, String reason) {
        return new PaymentNotification(
                Kind.FAILED, provider, orderId, paymentReference, null, null, null, null, List.of(), reason);
    }

    public static PaymentNotification refunded(
            PaymentMethod provider, OrderId orderId, String paymentReference, List<Refund> refunds) {
        return new PaymentNotification(
                Kind.REFUNDED, provider, orderId, paymentReference, null, null, null, null, refunds, null);
    }

    public static PaymentNotification disputed(
            PaymentMethod provider, OrderId orderId, String paymentReference, String reason) {
        return new PaymentNotification(
                Kind.DISPUTED, provider, orderId, paymentReference, null, null, null, null, List.of(), reason);
    }
}
