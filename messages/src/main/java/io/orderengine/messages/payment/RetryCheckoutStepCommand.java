package io.orderengine.messages.payment;

import io.orderengine.messages.common.*;
import java.util.Objects;

/** An admin asks the checkout of {@code orderId} to run its failed payment step again (authorize, capture, cancel at the gateway or refund). The gateway call carries the same idempotency key as before, so nothing is charged or refunded twice. */
public record RetryCheckoutStepCommand(OrderId orderId, Actor actor, String note) {
    public RetryCheckoutStepCommand {
        Objects.requireNonNull(orderId, "orderId");
        if (actor == null) throw new IllegalArgumentException("actor is required");
    }
}
