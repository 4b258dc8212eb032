package io.orderengine.messages.payment;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** An admin asked the checkout of the order to undo what it did: cancel or refund the payment, give the stock back, cancel the order. */
@Revision("1")
public record CheckoutCompensationRequestedEvent(OrderId orderId, Actor actor, String reason) {}
