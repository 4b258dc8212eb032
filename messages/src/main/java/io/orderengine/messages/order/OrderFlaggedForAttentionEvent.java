package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The order is in {@code ATTENTION}; {@code from} is where it resumes. */
@Revision("1")
public record OrderFlaggedForAttentionEvent(OrderId orderId, OrderStatus from, Actor actor, String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.ATTENTION;
    }
}
