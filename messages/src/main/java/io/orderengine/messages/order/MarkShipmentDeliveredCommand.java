package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A shipment of the order reached the customer. Repeating it changes nothing. When every unit has shipped and every
 * shipment is delivered, the order is DELIVERED.
 */
public record MarkShipmentDeliveredCommand(
        @TargetAggregateIdentifier OrderId orderId, String shipmentId, Actor actor) {
    public MarkShipmentDeliveredCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (shipmentId == null || shipmentId.isBlank()) throw new IllegalArgumentException("shipmentId is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
    }
}
