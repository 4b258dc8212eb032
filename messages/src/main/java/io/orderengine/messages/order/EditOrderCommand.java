package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Edits an order before it ships; answered with the {@link OrderEditPreview} of what was recorded. Refused when the
 * order is at another version than {@code expectedVersion} (it changed since the stock was reserved for this edit).
 * An {@code editId} already recorded changes nothing. {@code catalogue}: as in {@link PreviewOrderEditCommand}.
 * {@code holdId}: the {@link HoldEditStockCommand hold} under which the units the edit adds were taken (null when it
 * adds none); refused when that hold was released, so units given back never belong to a recorded edit.
 */
public record EditOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        String editId,
        int expectedVersion,
        List<OrderEditChange> changes,
        List<OrderLine> catalogue,
        String note,
        Actor actor,
        String holdId) {
    public EditOrderCommand {
        if (editId == null || editId.isBlank()) throw new IllegalArgumentException("editId is required");
        if (changes == null || changes.isEmpty()) throw new IllegalArgumentException("changes are required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
        changes = List.copyOf(changes);
        catalogue = catalogue == null ? List.of() : List.copyOf(catalogue);
    }
}
