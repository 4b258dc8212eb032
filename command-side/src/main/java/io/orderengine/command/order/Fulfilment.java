package io.orderengine.command.order;

import static io.orderengine.messages.order.OrderStatus.DELIVERED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_SHIPPED;
import static io.orderengine.messages.order.OrderStatus.SHIPPED;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.MarkShipmentDeliveredCommand;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPartiallyShippedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.ShipItemsCommand;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.order.ShipmentDeliveredEvent;
import io.orderengine.messages.order.ShipmentLine;
import io.orderengine.messages.order.ShipmentReceipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The parcels of an {@link Order}: what was bought by SKU, what left in which shipment, and which shipments arrived.
 * An entity of the order (its own event-sourcing handlers); the order asks it for the events of a shipment or a
 * delivery and passes its status, which stays the order's. The rules:
 * <ul>
 *   <li>a shipment is recorded while the order is PROCESSING or PARTIALLY_SHIPPED (from ATTENTION only where the
 *       status before could move), only for SKUs of the order and never more units than are left to ship;
 *   <li>the order moves to PARTIALLY_SHIPPED with the first shipment that leaves units behind, to SHIPPED with the one
 *       that ships the last unit;
 *   <li>a delivery is recorded once per shipment; the order is DELIVERED once every unit shipped and every shipment
 *       arrived.
 * </ul>
 * Returns count against the shipped units recorded here ({@link #shipped}).
 */
final class Fulfilment {

    /** Units bought, by SKU code, in order of the lines. */
    private Map<String, Integer> ordered;
    /** Line names by SKU code, so that shipment events carry them. */
    private Map<String, String> names;

    private List<Shipment> shipments;

    /** For snapshot loading. */
    Fulfilment() {}

    Fulfilment(List<OrderLine> lines) {
        ordered = new LinkedHashMap<>();
        names = new LinkedHashMap<>();
        shipments = new ArrayList<>();
        for (OrderLine line : lines) {
            ordered.merge(line.sku().value(), line.quantity(), Integer::sum);
            names.putIfAbsent(line.sku().value(), line.name());
        }
    }

    /** The events of {@code command}: the shipment, then the order's move when its status changes. */
    List<Object> ship(OrderId orderId, OrderStatus status, OrderStatus resumeStatus, ShipItemsCommand command) {
        if (status != PARTIALLY_SHIPPED) {
            // checked first so that an order that cannot ship says so, whatever the lines
            OrderTransitions.requireAllowed(status, resumeStatus, SHIPPED);
        }
        Map<String, Integer> left = left();
        List<ShipmentLine> lines = new ArrayList<>();
        int remaining = left.values().stream().mapToInt(Integer::intValue).sum();
        for (ShipmentLine line : command.lines()) {
            String sku = line.sku().value();
            if (!ordered.containsKey(sku)) {
                throw ShipmentRefusedException.unknownSku(sku, left);
            }
            if (line.quantity() > left.getOrDefault(sku, 0)) {
                throw ShipmentRefusedException.moreThanLeft(sku, line.quantity(), left);
            }
            lines.add(new ShipmentLine(line.sku(), names.get(sku), line.quantity()));
            remaining -= line.quantity();
        }
        OrderStatus target = remaining == 0 ? SHIPPED : PARTIALLY_SHIPPED;
        List<Object> events = new ArrayList<>();
        if (!(status == PARTIALLY_SHIPPED && target == PARTIALLY_SHIPPED)) {
            OrderTransitions.requireAllowed(status, resumeStatus, target);
        }
        events.add(new ShipmentCreatedEvent(
                orderId, nextId(), lines, command.carrier(), command.trackingNumber(), null, command.actor()));
        if (target == SHIPPED) {
            events.add(new OrderShippedEvent(
                    orderId, status, command.trackingNumber(), null, command.actor(), "every unit shipped"));
        } else if (status != PARTIALLY_SHIPPED) {
            events.add(new OrderPartiallyShippedEvent(orderId, status, command.actor(), "units left to ship"));
        }
        return events;
    }

    /** An admin's "SHIPPED" (a move already checked): everything left in one shipment, then the order's move. */
    List<Object> shipEverythingLeft(OrderId orderId, OrderStatus status, ChangeFulfilmentStatusCommand command) {
        List<ShipmentLine> lines = new ArrayList<>();
        left().forEach((sku, quantity) -> lines.add(new ShipmentLine(new SkuCode(sku), names.get(sku), quantity)));
        List<Object> events = new ArrayList<>();
        if (!lines.isEmpty()) {
            events.add(new ShipmentCreatedEvent(
                    orderId,
                    nextId(),
                    lines,
                    null,
                    command.trackingNumber(),
                    command.estimatedDelivery(),
                    command.actor()));
        }
        events.add(FulfilmentSteps.event(orderId, status, command));
        return events;
    }

    /** An admin's "DELIVERED" (a move already checked): every shipment not yet delivered arrives, then the order. */
    List<Object> deliverEverything(OrderId orderId, OrderStatus status, ChangeFulfilmentStatusCommand command) {
        List<Object> events = new ArrayList<>();
        for (Shipment shipment : shipments) {
            if (shipment.deliveredAt() == null) {
                events.add(new ShipmentDeliveredEvent(orderId, shipment.id(), command.actor()));
            }
        }
        events.add(FulfilmentSteps.event(orderId, status, command));
        return events;
    }

    /** The events of one shipment's delivery: none when already recorded; DELIVERED when it was the last one. */
    List<Object> deliver(
            OrderId orderId, OrderStatus status, OrderStatus resumeStatus, MarkShipmentDeliveredCommand command) {
        Shipment shipment = shipments.stream()
                .filter(s -> s.id().equals(command.shipmentId()))
                .findFirst()
                .orElseThrow(() -> ShipmentRefusedException.unknownShipment(command.shipmentId()));
        if (shipment.deliveredAt() != null) {
            return List.of();
        }
        List<Object> events = new ArrayList<>();
        events.add(new ShipmentDeliveredEvent(orderId, shipment.id(), command.actor()));
        boolean othersArrived = shipments.stream().allMatch(s -> s == shipment || s.deliveredAt() != null);
        if (othersArrived && left().isEmpty() && OrderTransitions.allows(status, resumeStatus, DELIVERED)) {
            events.add(new OrderDeliveredEvent(orderId, status, command.actor(), "every shipment delivered"));
        }
        return events;
    }

    /** What the order answers for the shipment {@code shipmentId} (recorded). */
    ShipmentReceipt receipt(String shipmentId) {
        Shipment shipment = shipments.stream()
                .filter(s -> s.id().equals(shipmentId))
                .findFirst()
                .orElseThrow();
        return new ShipmentReceipt(
                shipment.id(), shipment.lines(), shipment.carrier(), shipment.trackingNumber(), shipment.shippedAt());
    }

    String lastShipmentId() {
        return shipments.get(shipments.size() - 1).id();
    }

    /** Units left to ship by SKU, only SKUs with units left. */
    Map<String, Integer> left() {
        Map<String, Integer> left = new LinkedHashMap<>(ordered);
        for (Shipment shipment : shipments) {
            for (ShipmentLine line : shipment.lines()) {
                left.merge(line.sku().value(), -line.quantity(), Integer::sum);
            }
        }
        left.values().removeIf(quantity -> quantity <= 0);
        return left;
    }

    /**
     * Units shipped by SKU. With {@code openSince} non-null, only those of shipments delivered after it (or, while
     * not delivered, shipped after it): what is still within a return window that opened then.
     */
    Map<String, Integer> shipped(Instant openSince) {
        Map<String, Integer> shipped = new LinkedHashMap<>();
        for (Shipment shipment : shipments) {
            Instant from = shipment.deliveredAt() != null ? shipment.deliveredAt() : shipment.shippedAt();
            if (openSince == null || from.isAfter(openSince)) {
                shipment.lines().forEach(line -> shipped.merge(line.sku().value(), line.quantity(), Integer::sum));
            }
        }
        return shipped;
    }

    private String nextId() {
        return "S" + (shipments.size() + 1);
    }

    @EventSourcingHandler
    void on(ShipmentCreatedEvent event, @Timestamp Instant at) {
        shipments.add(
                new Shipment(event.shipmentId(), event.lines(), event.carrier(), event.trackingNumber(), at, null));
    }

    @EventSourcingHandler
    void on(ShipmentDeliveredEvent event, @Timestamp Instant at) {
        shipments.replaceAll(s -> s.id().equals(event.shipmentId()) ? s.arrived(at) : s);
    }

    /** An edit changed what was bought (only before anything shipped). */
    @EventSourcingHandler
    void on(OrderEditedEvent event) {
        ordered.clear();
        for (OrderLine line : event.lines()) {
            ordered.put(line.sku().value(), line.quantity());
            names.putIfAbsent(line.sku().value(), line.name());
        }
    }

    /** One parcel; {@code deliveredAt} null until it arrives. */
    record Shipment(
            String id,
            List<ShipmentLine> lines,
            String carrier,
            String trackingNumber,
            Instant shippedAt,
            Instant deliveredAt) {
        Shipment arrived(Instant at) {
            return new Shipment(id, lines, carrier, trackingNumber, shippedAt, at);
        }
    }
}
