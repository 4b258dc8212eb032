package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A SKU exists from now on, with no stock on hand. */
@Revision("1")
public record SkuRegisteredEvent(
        SkuCode sku,
        String name,
        Money price,
        int lowStockThreshold,
        Map<String, String> attributes,
        String imageUrl) {}
