package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The first shipment left with units still to ship; the order is PARTIALLY_SHIPPED until the rest ships. */
@Revision("1")
public record OrderPartiallyShippedEvent(OrderId orderId, OrderStatus from, Actor actor, String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.PARTIALLY_SHIPPED;
    }
}
