package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the descriptive data of a SKU (name, attributes, image, low-stock threshold). */
public record UpdateSkuDetailsCommand(
        @TargetAggregateIdentifier SkuCode sku,
        String name,
        int lowStockThreshold,
        Map<String, String> attributes,
        String imageUrl) {
    public UpdateSkuDetailsCommand {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (lowStockThreshold < 0) throw new IllegalArgumentException("lowStockThreshold must be zero or more");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
