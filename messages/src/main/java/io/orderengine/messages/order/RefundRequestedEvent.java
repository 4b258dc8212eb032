package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** A refund of {@code amount} was asked for; the saga carries it out at the gateway. */
@Revision("1")
public record RefundRequestedEvent(
        OrderId orderId,
        String refundId,
        Money amount,
        PaymentMethod provider,
        String paymentReference,
        Actor actor,
        String reason) {}
