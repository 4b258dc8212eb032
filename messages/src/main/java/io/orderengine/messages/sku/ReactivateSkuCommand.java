package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sells a deactivated SKU again. */
public record ReactivateSkuCommand(
        @TargetAggregateIdentifier SkuCode sku) {}
