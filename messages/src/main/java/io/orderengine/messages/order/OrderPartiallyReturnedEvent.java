package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The first units came back; the order is PARTIALLY_RETURNED until every unit has. */
@Revision("1")
public record OrderPartiallyReturnedEvent(OrderId orderId, OrderStatus from, Actor actor, String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.PARTIALLY_RETURNED;
    }
}
