package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * The balance of edit {@code editId} was captured ({@code amount}, by {@code captureReference}): the edit is settled,
 * the order's captured money grows by it and its payment is {@code paymentStatus} again (what it was before the
 * balance was asked for).
 */
@Revision("1")
public record EditBalancePaidEvent(
        OrderId orderId,
        String editId,
        String paymentReference,
        String captureReference,
        Money amount,
        PaymentStatus paymentStatus)
        implements EditBalanceChange {}
