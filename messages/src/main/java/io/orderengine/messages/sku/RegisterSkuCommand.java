package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a new SKU. A second registration of the same code is rejected. Initial on-hand is 0. */
public record RegisterSkuCommand(
        @TargetAggregateIdentifier SkuCode sku,
        String name,
        Money price,
        int lowStockThreshold,
        Map<String, String> attributes,
        String imageUrl) {
    public RegisterSkuCommand {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (price == null || price.isNegative()) throw new IllegalArgumentException("price must be zero or more");
        if (lowStockThreshold < 0) throw new IllegalArgumentException("lowStockThreshold must be zero or more");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
