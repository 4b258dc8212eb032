package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The order is paid ({@code captured}) and waits for fulfilment. */
@Revision("1")
public record OrderConfirmedEvent(
        OrderId orderId,
        OrderStatus from,
        PaymentMethod provider,
        String captureReference,
        Money captured,
        Actor actor,
        String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.CONFIRMED;
    }
}
