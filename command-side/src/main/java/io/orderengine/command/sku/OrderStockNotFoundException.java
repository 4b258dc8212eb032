package io.orderengine.command.sku;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;

/**
 * The order has no stock of this SKU to act on: a commit for an order that holds no reservation (never reserved,
 * rejected or already released), or a restock for an order that never committed any.
 */
public class OrderStockNotFoundException extends RuntimeException {

    public OrderStockNotFoundException(SkuCode sku, OrderId orderId, String what) {
        super("order " + orderId + " " + what + " of SKU " + sku);
    }
}
