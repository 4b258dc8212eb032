package io.orderengine.messages.order;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import org.axonframework.serialization.Revision;

/**
 * The customer authorized a payment the order no longer waits for: one set up for the order's total before an edit
 * changed that total (the customer paid the old link). The order is not paid by it and keeps waiting for the payment
 * of its new total; the checkout cancels (voids) this one at the gateway, so it is never captured. {@code amount} is
 * what the gateway holds, as it reported it (may be null).
 */
@Revision("1")
public record ReplacedPaymentAuthorizedEvent(
        OrderId orderId, PaymentMethod provider, String paymentReference, Money amount) {}
