package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** Units an order had committed are back on hand. */
@Revision("1")
public record StockRestockedEvent(
        SkuCode sku, OrderId orderId, int quantity, String reason, int onHand, int available) {}
