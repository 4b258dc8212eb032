package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The order left ATTENTION and is back in {@code to}. */
@Revision("1")
public record OrderResumedEvent(OrderId orderId, OrderStatus from, OrderStatus to, Actor actor, String note)
        implements OrderStatusChange {}
