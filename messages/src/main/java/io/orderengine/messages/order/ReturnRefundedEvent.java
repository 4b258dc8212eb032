package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The gateway gave back a received return's refund ({@code amount}, reference {@code refundReference}). */
@Revision("1")
public record ReturnRefundedEvent(OrderId orderId, String returnId, String refundReference, Money amount)
        implements ReturnChange {}
