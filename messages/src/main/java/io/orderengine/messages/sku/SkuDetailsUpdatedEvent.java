package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** The descriptive data of a SKU changed. */
@Revision("1")
public record SkuDetailsUpdatedEvent(
        SkuCode sku, String name, int lowStockThreshold, Map<String, String> attributes, String imageUrl) {}
