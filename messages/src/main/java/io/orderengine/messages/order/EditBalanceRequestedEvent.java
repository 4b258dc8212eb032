package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * A paid order was edited to a higher total: the customer owes {@code amount} for edit {@code editId}, to be paid
 * through {@code provider} (the order's gateway). The order's payment is PARTIALLY_PAID until the balance is paid
 * ({@link EditBalancePaidEvent}) or the edit is rolled back ({@link OrderEditRolledBackEvent}). Recorded with the
 * {@link OrderEditedEvent} it follows; the edit-balance saga sets up the payment.
 */
@Revision("1")
public record EditBalanceRequestedEvent(
        OrderId orderId, String editId, String orderNumber, Money amount, PaymentMethod provider)
        implements EditBalanceChange {}
