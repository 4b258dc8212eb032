package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * The order asked for more than was available (or the SKU is not sold): nothing was reserved. Names what was
 * available at the time. Events stored with the reason as text ({@code "insufficient stock"}) read as the same
 * {@link StockRejectionReason}, so the revision stays.
 */
@Revision("1")
public record StockReservationRejectedEvent(
        SkuCode sku, OrderId orderId, int requested, int available, StockRejectionReason reason) {}
