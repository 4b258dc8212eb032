package io.orderengine.messages.sku;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import org.axonframework.serialization.Revision;

/** Units of an order's return are back on hand; {@code onHand} and {@code available} are the values after it. */
@Revision("1")
public record ReturnedUnitsRestockedEvent(
        SkuCode sku, OrderId orderId, String returnId, int quantity, String reason, int onHand, int available) {}
