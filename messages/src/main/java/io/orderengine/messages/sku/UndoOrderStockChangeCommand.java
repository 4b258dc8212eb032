package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Undoes the order stock change {@code changeId} ({@link AdjustOrderStockCommand}): the units it took from available
 * go back (stock change id {@code changeId + ":undo"}). A change that was never made is voided instead: made later,
 * it changes nothing. Idempotent.
 */
public record UndoOrderStockChangeCommand(
        @TargetAggregateIdentifier SkuCode sku, OrderId orderId, String changeId, String reason) {
    public UndoOrderStockChangeCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (changeId == null || changeId.isBlank()) throw new IllegalArgumentException("changeId is required");
    }

    /** The stock change id of the undoing. */
    public static String undoId(String changeId) {
        return changeId + ":undo";
    }
}
