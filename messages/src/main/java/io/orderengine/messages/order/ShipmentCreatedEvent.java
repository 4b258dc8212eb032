package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Units of the order left the shop in one parcel. {@code shipmentId} is unique within the order ("S1", "S2", …);
 * {@code lines} name every SKU with its quantity and line name; {@code carrier}, {@code trackingNumber} and {@code estimatedDelivery} may be null.
 * When it is shipped is the event's timestamp. A status change (PARTIALLY_SHIPPED or SHIPPED) follows when the order's
 * status moves.
 */
@Revision("1")
public record ShipmentCreatedEvent(
        OrderId orderId,
        String shipmentId,
        List<ShipmentLine> lines,
        String carrier,
        String trackingNumber,
        LocalDate estimatedDelivery,
        Actor actor) {
    public ShipmentCreatedEvent {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Units in this shipment. */
    public int units() {
        return lines.stream().mapToInt(ShipmentLine::quantity).sum();
    }
}
