package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reserves {@code quantity} units for one order. Idempotent per order: re-sending it after a reservation or a rejection changes nothing. A reservation never takes available below zero; one that would is answered by {@link StockReservationRejectedEvent}. {@code expiresAt} is when the checkout gives the reservation up unless the order is confirmed. */
public record ReserveStockCommand(
        @TargetAggregateIdentifier SkuCode sku, OrderId orderId, int quantity, Instant expiresAt) {
    public ReserveStockCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
    }
}
