package io.orderengine.messages.payment;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** An admin asked the checkout of the order to run its failed payment step again. */
@Revision("1")
public record CheckoutRetryRequestedEvent(OrderId orderId, Actor actor, String note) {}
