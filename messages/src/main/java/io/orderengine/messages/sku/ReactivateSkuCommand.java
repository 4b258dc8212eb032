package io.orderengine.messages.sku;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.orderengine.messages.common.*;

/** Sells a deactivated SKU again. */
public record ReactivateSkuCommand(@TargetAggregateIdentifier SkuCode sku) {
}
