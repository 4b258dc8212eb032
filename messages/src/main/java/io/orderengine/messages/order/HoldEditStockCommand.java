package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An attempt to record edit {@code editId} is about to take the units {@code lines} add (positive
 * {@link EditedLine#stockDelta()}) from their SKUs, each under the stock change id {@code holdId}. Recorded before any
 * unit is taken, so that the units come back ({@link EditStockHoldReleasedEvent}) unless the edit is recorded with
 * this hold ({@link EditOrderCommand#holdId()}). A hold id recorded before changes nothing.
 */
public record HoldEditStockCommand(
        @TargetAggregateIdentifier OrderId orderId, String editId, String holdId, List<EditedLine> lines) {
    public HoldEditStockCommand {
        if (editId == null || editId.isBlank()) throw new IllegalArgumentException("editId is required");
        if (holdId == null || holdId.isBlank()) throw new IllegalArgumentException("holdId is required");
        if (lines == null || lines.isEmpty()) throw new IllegalArgumentException("lines are required");
        lines = List.copyOf(lines);
    }
}
