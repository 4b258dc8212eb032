package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;
import java.time.LocalDate;

/** The order left the shop; {@code trackingNumber} and {@code estimatedDelivery} may be null. */
@Revision("1")
public record OrderShippedEvent(OrderId orderId, OrderStatus from, String trackingNumber, LocalDate estimatedDelivery,
                                Actor actor, String note) implements OrderStatusChange {
    @Override public OrderStatus to() { return OrderStatus.SHIPPED; }
}
