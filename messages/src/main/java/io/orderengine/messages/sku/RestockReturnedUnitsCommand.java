package io.orderengine.messages.sku;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts {@code quantity} units of a received return back on hand. Only for an order whose stock was committed; a
 * no-op when that order's return {@code returnId} was already restocked for this SKU.
 */
public record RestockReturnedUnitsCommand(
        @TargetAggregateIdentifier SkuCode sku, OrderId orderId, String returnId, int quantity, String reason) {
    public RestockReturnedUnitsCommand {
        if (sku == null) throw new IllegalArgumentException("sku is required");
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (returnId == null || returnId.isBlank()) throw new IllegalArgumentException("returnId is required");
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
    }
}
