package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * Money for the balance of edit {@code editId} was captured after the edit was rolled back (or the order cancelled):
 * it is not the order's, and the edit-balance saga refunds it (refund id {@code balance-<editId>}).
 */
@Revision("1")
public record EditBalancePaidLateEvent(
        OrderId orderId,
        String editId,
        PaymentMethod provider,
        String paymentReference,
        String captureReference,
        Money amount)
        implements EditBalanceChange {}
