package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.Objects;

/**
 * Units of one SKU in a shipment. {@code name} is the order line's name, filled in by the order when it records the
 * shipment (a command may leave it null).
 */
public record ShipmentLine(SkuCode sku, String name, int quantity) {
    public ShipmentLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) throw new IllegalArgumentException("shipment quantity must be positive");
    }
}
