package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.Map;
import java.util.Objects;

/** One line of an order, a snapshot of the SKU at placement: later price or name changes do not touch it. {@code lineTotal} is always unit price × quantity. */
public record OrderLine(
        SkuCode sku,
        String name,
        Money unitPrice,
        int quantity,
        Map<String, String> attributes,
        String imageUrl,
        Money lineTotal) {
    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("line name is required");
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
        if (unitPrice.isNegative()) throw new IllegalArgumentException("unit price must be zero or more");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        Money expected = unitPrice.times(quantity);
        if (lineTotal == null) {
            lineTotal = expected;
        } else if (!lineTotal.equals(expected)) {
            throw new IllegalArgumentException(
                    "line total " + lineTotal + " is not unit price x quantity (" + expected + ")");
        }
    }

    public static OrderLine of(
            SkuCode sku, String name, Money unitPrice, int quantity, Map<String, String> attributes, String imageUrl) {
        return new OrderLine(sku, name, unitPrice, quantity, attributes, imageUrl, null);
    }
}
