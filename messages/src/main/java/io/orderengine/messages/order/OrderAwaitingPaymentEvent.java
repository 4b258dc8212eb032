package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The order waits for payment; {@code action} tells the client what to do (never with a client secret in it). */
@Revision("1")
public record OrderAwaitingPaymentEvent(
        OrderId orderId,
        OrderStatus from,
        PaymentMethod provider,
        String paymentReference,
        PaymentAction action,
        Actor actor,
        String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.AWAITING_PAYMENT;
    }
}
