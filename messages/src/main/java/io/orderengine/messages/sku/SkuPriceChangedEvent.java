package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The unit price of a SKU changed (same currency). */
@Revision("1")
public record SkuPriceChangedEvent(SkuCode sku, Money oldPrice, Money newPrice) {}
