package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** An admin turned a return down; nothing was restocked or refunded. */
@Revision("1")
public record ReturnRejectedEvent(OrderId orderId, String returnId, String reason, Actor actor)
        implements ReturnChange {}
