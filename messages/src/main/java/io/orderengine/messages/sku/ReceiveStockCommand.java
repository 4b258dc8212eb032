package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Goods arrived: on hand grows by {@code quantity} (positive). */
public record ReceiveStockCommand(@TargetAggregateIdentifier SkuCode sku, int quantity, String reason) {
    public ReceiveStockCommand {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
    }
}
