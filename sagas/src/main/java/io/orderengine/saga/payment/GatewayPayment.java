package io.orderengine.saga.payment;

import io.orderengine.messages.common.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a gateway knows about one payment. {@code orderId} is the engine's order the payment was created for;
 * {@code captureBefore} is when an authorization expires if the gateway says so (null otherwise);
 * {@code clientSecret} is only for the customer's browser (Stripe.js) and is never stored.
 * Card data is limited to brand and last 4 digits.
 */
public record GatewayPayment(
        String paymentReference,
        String orderId,
        GatewayPaymentStatus status,
        Money amount,
        Money captured,
        String captureReference,
        List<Refund> refunds,
        String cardBrand,
        String cardLast4,
        Instant captureBefore,
        String clientSecret,
        String failureReason) {
    public GatewayPayment {
        Objects.requireNonNull(paymentReference, "paymentReference");
        Objects.requireNonNull(status, "status");
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }
}
