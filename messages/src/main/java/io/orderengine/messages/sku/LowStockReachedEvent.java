package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** Available stock fell to (or below) the SKU's low-stock threshold, from above it. */
@Revision("1")
public record LowStockReachedEvent(SkuCode sku, int available, int threshold) {}
