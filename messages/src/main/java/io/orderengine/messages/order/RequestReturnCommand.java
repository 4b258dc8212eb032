package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The owner (or an admin) asks to send shipped units back. Accepted once every unit has shipped (SHIPPED, DELIVERED,
 * PARTIALLY_RETURNED), for units shipped within the return window (counted from delivery, or from shipping while a
 * shipment has not arrived) and not already returned or asked to be (rejected returns do not count). The order
 * answers the new return's id.
 */
public record RequestReturnCommand(
        @TargetAggregateIdentifier OrderId orderId, List<ReturnLine> lines, Actor actor) {
    public RequestReturnCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
        if (lines == null || lines.isEmpty()) throw new IllegalArgumentException("a return needs at least one line");
        lines = List.copyOf(lines);
    }
}
