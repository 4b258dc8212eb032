package io.orderengine.command.sku;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/**
 * The order has no stock of this SKU to act on: a commit for an order that holds no reservation (never reserved,
 * rejected or already released), or a restock for an order that never committed any.
 */
public class OrderStockNotFoundException extends DomainRejection {

    public OrderStockNotFoundException(SkuCode sku, OrderId orderId, String what) {
        super(RejectionKind.CONFLICT, "insufficient-stock", "order " + orderId + " " + what + " of SKU " + sku);
    }
}
