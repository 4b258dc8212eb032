package io.orderengine.query.order;

import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.order.OrderDocuments.LINES;
import static io.orderengine.query.order.OrderDocuments.SHIPMENTS;
import static io.orderengine.query.order.OrderDocuments.STATUS;
import static io.orderengine.query.order.OrderDocuments.TRACKING_NUMBER;

import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.order.ShipmentDeliveredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** The {@code shipments} of an order document: one entry per parcel, with its lines and delivery. */
final class OrderShipmentDocuments {

    private OrderShipmentDocuments() {}

    /** A parcel left: added to the order's shipments (a shipment id already there is not added again). */
    static void created(Document order, ShipmentCreatedEvent event, Instant at) {
        List<Document> shipments = new ArrayList<>(order.getList(SHIPMENTS, Document.class, List.of()));
        shipments.removeIf(shipment -> event.shipmentId().equals(shipment.getString("shipmentId")));
        shipments.add(new Document("shipmentId", event.shipmentId())
                .append(
                        LINES,
                        event.lines().stream()
                                .map(line -> new Document("sku", line.sku().value())
                                        .append("name", line.name())
                                        .append("quantity", line.quantity()))
                                .toList())
                .append("carrier", event.carrier())
                .append(TRACKING_NUMBER, event.trackingNumber())
                .append(STATUS, "SHIPPED")
                .append("shippedAt", toDate(at))
                .append("deliveredAt", null));
        order.put(SHIPMENTS, shipments);
    }

    /** The parcel arrived. */
    static void delivered(Document order, ShipmentDeliveredEvent event, Instant at) {
        for (Document shipment : order.getList(SHIPMENTS, Document.class, List.of())) {
            if (event.shipmentId().equals(shipment.getString("shipmentId"))) {
                shipment.put(STATUS, "DELIVERED");
                shipment.put("deliveredAt", toDate(at));
            }
        }
    }
}
