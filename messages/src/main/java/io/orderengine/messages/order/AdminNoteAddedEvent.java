package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** An admin note was written on the order. */
@Revision("1")
public record AdminNoteAddedEvent(OrderId orderId, Actor actor, String note) {}
