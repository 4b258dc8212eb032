package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The order left the shop; {@code trackingNumber} and {@code estimatedDelivery} may be null. */
@Revision("1")
public record OrderShippedEvent(
        OrderId orderId, OrderStatus from, String trackingNumber, LocalDate estimatedDelivery, Actor actor, String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.SHIPPED;
    }
}
