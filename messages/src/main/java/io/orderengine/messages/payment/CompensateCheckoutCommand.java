package io.orderengine.messages.payment;

import io.orderengine.messages.common.*;
import java.util.Objects;

/** An admin gives up the checkout of {@code orderId}: the payment is cancelled (or refunded when captured) at the gateway, its stock is released and the order is cancelled. */
public record CompensateCheckoutCommand(OrderId orderId, Actor actor, String reason) {
    public CompensateCheckoutCommand {
        Objects.requireNonNull(orderId, "orderId");
        if (actor == null) throw new IllegalArgumentException("actor is required");
    }
}
