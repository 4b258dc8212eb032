package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The order is {@code CANCELLED}. {@code refundDue} is what was captured and not yet refunded (zero if nothing was paid); {@code stockCommitted} says whether its stock had left the reservations (then it is restocked rather than released). */
@Revision("1")
public record OrderCancelledEvent(
        OrderId orderId, OrderStatus from, Actor actor, String note, Money refundDue, boolean stockCommitted)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.CANCELLED;
    }
}
