package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.HashSet;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin ships some of the paid units not yet shipped, in one parcel. Accepted while the order is PROCESSING or
 * PARTIALLY_SHIPPED; more units of a SKU than are left to ship is refused naming what is left. The order answers a
 * {@link ShipmentReceipt}; it is PARTIALLY_SHIPPED until every unit has shipped, then SHIPPED.
 */
public record ShipItemsCommand(
        @TargetAggregateIdentifier OrderId orderId,
        List<ShipmentLine> lines,
        String carrier,
        String trackingNumber,
        Actor actor) {
    public ShipItemsCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
        if (lines == null || lines.isEmpty()) throw new IllegalArgumentException("a shipment needs at least one line");
        lines = List.copyOf(lines);
        var skus = new HashSet<SkuCode>();
        for (ShipmentLine line : lines) {
            if (!skus.add(line.sku())) {
                throw new IllegalArgumentException("sku " + line.sku() + " appears twice in the shipment");
            }
        }
    }
}
