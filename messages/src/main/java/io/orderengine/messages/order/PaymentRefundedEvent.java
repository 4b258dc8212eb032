package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** Money went back to the customer: {@code totalRefunded} so far; {@code paymentStatus} is PARTIALLY_REFUNDED or REFUNDED after it. */
@Revision("1")
public record PaymentRefundedEvent(
        OrderId orderId,
        String refundId,
        String refundReference,
        Money amount,
        Money totalRefunded,
        PaymentStatus paymentStatus) {}
