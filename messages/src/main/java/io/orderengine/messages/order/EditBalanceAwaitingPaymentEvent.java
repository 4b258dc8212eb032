package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * The balance of edit {@code editId} can be paid: a payment of its own at the gateway ({@code paymentReference}), and
 * {@code action} tells the customer what to do (never with a client secret in it).
 */
@Revision("1")
public record EditBalanceAwaitingPaymentEvent(
        OrderId orderId, String editId, PaymentMethod provider, String paymentReference, PaymentAction action)
        implements EditBalanceChange {}
