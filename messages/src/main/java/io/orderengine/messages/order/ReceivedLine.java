package io.orderengine.messages.order;

import io.orderengine.messages.common.SkuCode;
import java.util.Objects;

/**
 * Units of one SKU the shop received back. {@code restock}: they go back on hand (false: damaged, they do not).
 * {@code name} is filled in by the order (a command may leave it null).
 */
public record ReceivedLine(SkuCode sku, String name, int quantity, boolean restock) {
    public ReceivedLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) throw new IllegalArgumentException("received quantity must be positive");
    }
}
