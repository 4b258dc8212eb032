package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** Payment status {@code FAILED}, with the gateway's reason. */
@Revision("1")
public record PaymentFailedEvent(OrderId orderId, String reason) {}
