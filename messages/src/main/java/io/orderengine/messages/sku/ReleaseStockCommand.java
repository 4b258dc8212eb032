package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives up the order's reservation (payment failed, expired, cancelled). A no-op when the order holds none. */
public record ReleaseStockCommand(@TargetAggregateIdentifier SkuCode sku, OrderId orderId, String reason) {
    public ReleaseStockCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
    }
}
