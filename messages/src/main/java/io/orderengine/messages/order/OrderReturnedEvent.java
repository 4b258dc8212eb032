package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The customer sent the order back. */
@Revision("1")
public record OrderReturnedEvent(OrderId orderId, OrderStatus from, Actor actor, String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.RETURNED;
    }
}
