package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;
import java.util.Map;

/** A SKU exists from now on, with no stock on hand. */
@Revision("1")
public record SkuRegisteredEvent(SkuCode sku, String name, Money price, int lowStockThreshold,
                                 Map<String, String> attributes, String imageUrl) {
}
