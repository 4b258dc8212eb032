package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Corrects on hand by {@code delta} (non-zero; negative for shrinkage) with a reason. Rejected if it would take on hand below what is reserved. */
public record AdjustStockCommand(@TargetAggregateIdentifier SkuCode sku, int delta, String reason) {
    public AdjustStockCommand {
        if (delta == 0) throw new IllegalArgumentException("delta must not be zero");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is required");
    }
}
