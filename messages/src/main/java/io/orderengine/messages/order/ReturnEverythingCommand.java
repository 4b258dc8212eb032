package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin's "the whole order came back": every shipped unit not yet returned is requested (whatever the window) and
 * every open return received, restocked or not as {@code restock} says, refunded as usual (shipping not included);
 * the order ends RETURNED.
 */
public record ReturnEverythingCommand(
        @TargetAggregateIdentifier OrderId orderId, boolean restock, Actor actor, String note) {
    public ReturnEverythingCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
    }
}
