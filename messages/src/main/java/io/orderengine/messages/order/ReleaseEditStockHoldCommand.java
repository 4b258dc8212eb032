package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives up hold {@code holdId} ({@link HoldEditStockCommand}): the edit can no longer be recorded with it, and the
 * units taken under it go back. Refused when the edit was recorded with the hold (the units are the order's); a hold
 * released before changes nothing.
 */
public record ReleaseEditStockHoldCommand(
        @TargetAggregateIdentifier OrderId orderId, String holdId, String reason) {
    public ReleaseEditStockHoldCommand {
        if (holdId == null || holdId.isBlank()) throw new IllegalArgumentException("holdId is required");
    }
}
