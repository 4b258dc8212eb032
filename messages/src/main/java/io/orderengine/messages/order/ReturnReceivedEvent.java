package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The shop received units of a return. {@code lines} say which go back on hand ({@code restock}); {@code refund} is
 * what the order works out for them (their price with their share of discount and tax, plus shipping when {@code
 * shippingRefunded}), already capped at what is left captured; a refund id {@code "return-" + returnId} follows as a
 * {@link RefundRequestedEvent} when it is positive. When it was received is the event's timestamp.
 */
@Revision("1")
public record ReturnReceivedEvent(
        OrderId orderId,
        String returnId,
        List<ReceivedLine> lines,
        Money refund,
        boolean shippingRefunded,
        String note,
        Actor actor)
        implements ReturnChange {
    public ReturnReceivedEvent {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Units received. */
    public int units() {
        return lines.stream().mapToInt(ReceivedLine::quantity).sum();
    }

    /** The refund id of this return's refund. */
    public static String refundIdOf(String returnId) {
        return "return-" + returnId;
    }
}
