package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * The gateway gave back the whole of a received return's refund ({@code amount}). A refund split across the order's
 * payments comes back in parts ({@code PaymentRefundedEvent}s with the return's refund id): this event follows the
 * last of them, {@code refundReference} is that part's, {@code amount} the sum of the parts.
 */
@Revision("1")
public record ReturnRefundedEvent(OrderId orderId, String returnId, String refundReference, Money amount)
        implements ReturnChange {}
