package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts the units an order had committed back on hand (a confirmed order cancelled before shipping, or returned). A no-op when already restocked. */
public record RestockCommand(@TargetAggregateIdentifier SkuCode sku, OrderId orderId, String reason) {
    public RestockCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
    }
}
