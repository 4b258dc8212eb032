package io.orderengine.messages.query;

import io.orderengine.messages.common.*;

/** One SKU's stock view (empty when unknown). */
public record FindSkuQuery(SkuCode sku) {}
