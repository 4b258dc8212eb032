package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * A new payment attempt began after a failed one: payment status back to {@code PENDING}; {@code attempt} counts from 1
 * (the checkout's first payment), so the first of these carries 2. The order stays AWAITING_PAYMENT with its stock
 * held; the next {@link OrderAwaitingPaymentEvent} carries the new attempt's action.
 */
@Revision("1")
public record PaymentAttemptStartedEvent(OrderId orderId, int attempt, PaymentMethod provider, Actor actor) {}
