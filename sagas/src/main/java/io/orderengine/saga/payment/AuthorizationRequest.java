package io.orderengine.saga.payment;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import java.util.Objects;

/** What a gateway needs to set up the payment of an order: the order (kept with the payment so webhooks find it), the amount and the idempotency key of the step. */
public record AuthorizationRequest(OrderId orderId, String orderNumber, Money amount, String idempotencyKey) {
    public AuthorizationRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount.amountMinor() <= 0) throw new IllegalArgumentException("a payment needs a positive amount");
    }
}
