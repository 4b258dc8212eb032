package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin records the units of a REQUESTED return that arrived (never more of a SKU than the return asked for), each
 * line restocked or not. The order works the refund out itself (see the Returns rules of the order) and asks the
 * gateway for it; {@code refundShipping} adds the order's shipping once.
 */
public record ReceiveReturnCommand(
        @TargetAggregateIdentifier OrderId orderId,
        String returnId,
        List<ReceivedLine> lines,
        boolean refundShipping,
        String note,
        Actor actor) {
    public ReceiveReturnCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (returnId == null || returnId.isBlank()) throw new IllegalArgumentException("returnId is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
        if (lines == null || lines.isEmpty()) throw new IllegalArgumentException("a receipt needs at least one line");
        lines = List.copyOf(lines);
    }
}
