package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;
import java.util.Map;

/** The descriptive data of a SKU changed. */
@Revision("1")
public record SkuDetailsUpdatedEvent(SkuCode sku, String name, int lowStockThreshold, Map<String, String> attributes,
                                     String imageUrl) {
}
