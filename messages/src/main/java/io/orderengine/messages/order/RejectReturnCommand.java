package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin turns a REQUESTED return down: nothing moves, and its units may be asked for again. */
public record RejectReturnCommand(
        @TargetAggregateIdentifier OrderId orderId, String returnId, String reason, Actor actor) {
    public RejectReturnCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (returnId == null || returnId.isBlank()) throw new IllegalArgumentException("returnId is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
    }
}
