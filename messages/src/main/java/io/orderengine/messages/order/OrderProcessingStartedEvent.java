package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The shop started picking and packing the order. */
@Revision("1")
public record OrderProcessingStartedEvent(OrderId orderId, OrderStatus from, Actor actor, String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.PROCESSING;
    }
}
