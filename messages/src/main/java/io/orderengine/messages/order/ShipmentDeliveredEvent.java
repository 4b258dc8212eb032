package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** A shipment reached the customer, recorded once; when is the event's timestamp. */
@Revision("1")
public record ShipmentDeliveredEvent(OrderId orderId, String shipmentId, Actor actor) {}
