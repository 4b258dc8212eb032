package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Units of the order are to come back. {@code returnId} is unique within the order ("R1", "R2", …); {@code lines}
 * carry the line names. When it was asked is the event's timestamp. Nothing moves until it is received.
 */
@Revision("1")
public record ReturnRequestedEvent(OrderId orderId, String returnId, List<ReturnLine> lines, Actor actor)
        implements ReturnChange {
    public ReturnRequestedEvent {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Units asked to come back. */
    public int units() {
        return lines.stream().mapToInt(ReturnLine::quantity).sum();
    }
}
