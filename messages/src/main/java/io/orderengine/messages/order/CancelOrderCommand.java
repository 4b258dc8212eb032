package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels the order. An owner may cancel while PENDING, AWAITING_PAYMENT or CONFIRMED, an admin until it is SHIPPED, the engine (saga) whenever the checkout fails; a repeated cancel from the engine is a no-op. */
public record CancelOrderCommand(@TargetAggregateIdentifier OrderId orderId, Actor actor, String reason) {
    public CancelOrderCommand {
        if (actor == null) throw new IllegalArgumentException("actor is required");
    }
}
