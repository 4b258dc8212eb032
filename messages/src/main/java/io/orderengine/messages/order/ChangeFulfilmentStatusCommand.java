package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin moves a paid order through fulfilment: {@code target} is PROCESSING, SHIPPED (with a tracking number), DELIVERED or RETURNED. Illegal moves are rejected naming the current status. */
public record ChangeFulfilmentStatusCommand(
        @TargetAggregateIdentifier OrderId orderId,
        OrderStatus target,
        Actor actor,
        String note,
        String trackingNumber,
        LocalDate estimatedDelivery) {
    public ChangeFulfilmentStatusCommand {
        if (target == null) throw new IllegalArgumentException("target status is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
    }
}
