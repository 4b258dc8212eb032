package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import io.orderengine.messages.privacy.DataSubject;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Units of the order are to come back. {@code returnId} is unique within the order ("R1", "R2", …); {@code lines}
 * carry the line names. When it was asked is the event's timestamp. Nothing moves until it is received.
 * {@code customer} is set when the order's owner asked: the reasons they wrote on the lines are then their personal
 * data, stored encrypted and erased with them; reasons written by an admin stay in clear ({@code customer} null).
 */
@Revision("1")
public record ReturnRequestedEvent(
        OrderId orderId, String returnId, List<ReturnLine> lines, Actor actor, CustomerRef customer)
        implements ReturnChange, DataSubject.Carrier {
    public ReturnRequestedEvent {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A request by an admin (no personal reasons). */
    public ReturnRequestedEvent(OrderId orderId, String returnId, List<ReturnLine> lines, Actor actor) {
        this(orderId, returnId, lines, actor, null);
    }

    /** Units asked to come back. */
    public int units() {
        return lines.stream().mapToInt(ReturnLine::quantity).sum();
    }

    /** The owner's subject when they wrote the reasons, else null (nothing to encrypt). */
    @Override
    public DataSubject dataSubject() {
        return customer == null ? null : customer.dataSubject();
    }
}
