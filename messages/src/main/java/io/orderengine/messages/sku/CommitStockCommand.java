package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order was paid: its reservation becomes a sale and on hand decreases. A no-op when already committed. */
public record CommitStockCommand(@TargetAggregateIdentifier SkuCode sku, OrderId orderId) {
    public CommitStockCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
    }
}
