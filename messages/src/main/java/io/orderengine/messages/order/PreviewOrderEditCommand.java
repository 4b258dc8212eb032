package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the order what {@code changes} would do, without changing anything; answered with an {@link OrderEditPreview}.
 * {@code catalogue} holds a line snapshot (the SKU's name and price now) for each SKU an {@code ADD_LINE} names.
 */
public record PreviewOrderEditCommand(
        @TargetAggregateIdentifier OrderId orderId, List<OrderEditChange> changes, List<OrderLine> catalogue) {
    public PreviewOrderEditCommand {
        if (changes == null || changes.isEmpty()) throw new IllegalArgumentException("changes are required");
        changes = List.copyOf(changes);
        catalogue = catalogue == null ? List.of() : List.copyOf(catalogue);
    }
}
