package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The order's reserved units left the shelf: on hand fell by {@code quantity}. */
@Revision("1")
public record StockCommittedEvent(SkuCode sku, OrderId orderId, int quantity, int onHand, int available) {}
