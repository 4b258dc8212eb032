package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes the units one order holds by {@code delta} (an order edit): more units are taken from available, fewer are
 * given back. Units the order holds as a reservation stay reserved; units it bought (committed) leave on hand, and
 * given back they return on hand. {@code sold} says how to hold units of a SKU the order did not hold yet. Answered
 * with null when done, or with the {@link io.orderengine.messages.order.ShortSku} when not enough is available (then
 * nothing changes). Idempotent per {@code changeId}.
 */
public record AdjustOrderStockCommand(
        @TargetAggregateIdentifier SkuCode sku,
        OrderId orderId,
        String changeId,
        int delta,
        boolean sold,
        String reason) {
    public AdjustOrderStockCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (changeId == null || changeId.isBlank()) throw new IllegalArgumentException("changeId is required");
        if (delta == 0) throw new IllegalArgumentException("delta must not be zero");
    }
}
