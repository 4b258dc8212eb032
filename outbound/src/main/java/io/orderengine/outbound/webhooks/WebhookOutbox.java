package io.orderengine.outbound.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderengine.infrastructure.codec.OrderDocuments;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.ReturnReceivedEvent;
import io.orderengine.messages.order.ReturnRequestedEvent;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.privacy.DataSubjectErasedEvent;
import io.orderengine.messages.sku.LowStockReachedEvent;
import io.orderengine.outbound.facts.OrderFacts;
import io.orderengine.outbound.facts.OrderFactsStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

/**
 * Turns events into outbound webhook deliveries: for every endpoint subscribed to the event's type, one delivery in
 * the outbox ({@link WebhookDeliveries}), written once per event and endpoint. Nothing is sent from here; the
 * {@link WebhookDispatcher} does that, so a slow receiver never holds up event processing. Its own processing
 * group; never replayed (a rebuild must not post old events to ERPs again).
 *
 * <p>The JSON body: {@code {"id":<event id>,"type":"order.confirmed","createdAt":<event time>,"data":{...}}};
 * order events carry the order (number, status, customer email, lines, totals, shipping address) plus what the event
 * adds; {@code stock.low} carries {@code sku}, {@code available}, {@code threshold}.
 */
@Component
@ProcessingGroup(WebhookOutbox.PROCESSING_GROUP)
public class WebhookOutbox {

    public static final String PROCESSING_GROUP = "webhooks";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final OrderFactsStore orders;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final Clock clock;

    public WebhookOutbox(
            OrderFactsStore orders, WebhookEndpoints endpoints, WebhookDeliveries deliveries, Clock clock) {
        this.orders = orders;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        orders.record(event.orderId(), event, sequence, at);
    }

    @EventHandler
    @DisallowReplay
    void on(
            OrderConfirmedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put(
                "provider", event.provider() == null ? null : event.provider().wireName());
        payment.put("captureReference", event.captureReference());
        payment.put(
                "capturedMinor",
                event.captured() == null ? null : event.captured().amountMinor());
        order(
                eventId,
                sequence,
                at,
                WebhookEventType.ORDER_CONFIRMED,
                event.orderId(),
                event,
                "CONFIRMED",
                Map.of("payment", payment));
    }

    @EventHandler
    @DisallowReplay
    void on(
            OrderShippedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("trackingNumber", event.trackingNumber());
        extra.put("estimatedDelivery", event.estimatedDelivery());
        order(eventId, sequence, at, WebhookEventType.ORDER_SHIPPED, event.orderId(), event, "SHIPPED", extra);
    }

    @EventHandler
    @DisallowReplay
    void on(
            ShipmentCreatedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> shipment = new LinkedHashMap<>();
        shipment.put("shipmentId", event.shipmentId());
        shipment.put(
                "lines",
                event.lines().stream()
                        .map(line -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("sku", line.sku().value());
                            row.put("name", line.name());
                            row.put("quantity", line.quantity());
                            return row;
                        })
                        .toList());
        shipment.put("carrier", event.carrier());
        shipment.put("trackingNumber", event.trackingNumber());
        shipment.put("estimatedDelivery", event.estimatedDelivery());
        shipment.put("shippedAt", at.toString());
        order(
                eventId,
                sequence,
                at,
                WebhookEventType.ORDER_SHIPMENT_CREATED,
                event.orderId(),
                event,
                null,
                Map.of("shipment", shipment));
    }

    @EventHandler
    @DisallowReplay
    void on(
            ReturnRequestedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        List<Map<String, Object>> lines = event.lines().stream()
                .map(line -> row(line.sku().value(), line.name(), line.quantity(), "reason", line.reason()))
                .toList();
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("returnId", event.returnId());
        requested.put("lines", lines);
        requested.put("requestedAt", at.toString());
        order(
                eventId,
                sequence,
                at,
                WebhookEventType.ORDER_RETURN_REQUESTED,
                event.orderId(),
                event,
                null,
                Map.of("return", requested));
    }

    @EventHandler
    @DisallowReplay
    void on(
            ReturnReceivedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        List<Map<String, Object>> lines = event.lines().stream()
                .map(line -> row(line.sku().value(), line.name(), line.quantity(), "restock", line.restock()))
                .toList();
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("returnId", event.returnId());
        received.put("lines", lines);
        received.put("refundMinor", event.refund() == null ? 0 : event.refund().amountMinor());
        received.put("shippingRefunded", event.shippingRefunded());
        received.put("receivedAt", at.toString());
        order(
                eventId,
                sequence,
                at,
                WebhookEventType.ORDER_RETURN_RECEIVED,
                event.orderId(),
                event,
                null,
                Map.of("return", received));
    }

    private static Map<String, Object> row(String sku, String name, int quantity, String key, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sku", sku);
        row.put("name", name);
        row.put("quantity", quantity);
        row.put(key, value);
        return row;
    }

    @EventHandler
    @DisallowReplay
    void on(
            OrderCancelledEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reason", event.note());
        extra.put(
                "refundDueMinor",
                event.refundDue() == null ? 0 : event.refundDue().amountMinor());
        order(eventId, sequence, at, WebhookEventType.ORDER_CANCELLED, event.orderId(), event, "CANCELLED", extra);
    }

    @EventHandler
    @DisallowReplay
    void on(
            PaymentRefundedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("refundId", event.refundId());
        refund.put("refundReference", event.refundReference());
        refund.put("amountMinor", event.amount().amountMinor());
        refund.put("totalRefundedMinor", event.totalRefunded().amountMinor());
        refund.put(
                "paymentStatus",
                event.paymentStatus() == null ? null : event.paymentStatus().name());
        order(
                eventId,
                sequence,
                at,
                WebhookEventType.ORDER_REFUNDED,
                event.orderId(),
                event,
                null,
                Map.of("refund", refund));
    }

    @EventHandler
    @DisallowReplay
    void on(
            OrderEditedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("editId", event.editId());
        edit.put("version", event.version());
        edit.put("note", event.note());
        edit.put("changes", changes(event.editedLines()));
        edit.put("totalBeforeMinor", event.totalsBefore().total().amountMinor());
        edit.put("balanceMinor", event.balance().amountMinor());
        order(eventId, sequence, at, WebhookEventType.ORDER_EDITED, event.orderId(), event, null, Map.of("edit", edit));
    }

    /** An edit undone (its balance not paid): the order as it is again, and what the rollback changed. */
    @EventHandler
    @DisallowReplay
    void on(
            OrderEditRolledBackEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("editId", event.editId());
        edit.put("version", event.version());
        edit.put("status", "ROLLED_BACK");
        edit.put("reason", event.reason());
        edit.put("changes", changes(event.editedLines()));
        order(
                eventId,
                sequence,
                at,
                WebhookEventType.ORDER_EDIT_ROLLED_BACK,
                event.orderId(),
                event,
                null,
                Map.of("edit", edit));
    }

    private static List<Map<String, Object>> changes(List<EditedLine> lines) {
        return lines.stream()
                .filter(line -> line.stockDelta() != 0)
                .map(line -> Map.<String, Object>of(
                        "sku", line.sku().value(),
                        "quantityBefore", line.quantityBefore(),
                        "quantity", line.quantityAfter()))
                .toList();
    }

    @EventHandler
    @DisallowReplay
    void on(LowStockReachedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sku", event.sku().value());
        data.put("available", event.available());
        data.put("threshold", event.threshold());
        publish(eventId, at, WebhookEventType.STOCK_LOW, data);
    }

    private void order(
            String eventId,
            long sequence,
            Instant at,
            WebhookEventType type,
            OrderId orderId,
            Object event,
            String status,
            Map<String, Object> extra) {
        OrderFacts order = orders.record(orderId, event, sequence, at)
                .orElseThrow(
                        () -> new IllegalStateException("order " + orderId + " is not known to the webhook outbox; its "
                                + type.wireName() + " webhook cannot be written"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.orderId());
        data.put("orderNumber", order.orderNumber());
        if (status != null) {
            data.put("status", status);
        }
        data.put("customer", customer(order));
        // The order's shapes as its read models store them: the webhook body has always used those field names.
        data.put("lines", OrderDocuments.encodeLines(order.lines()));
        data.put("totals", OrderDocuments.encode(order.totals()));
        data.put("shippingAddress", OrderDocuments.encode(order.shippingAddress()));
        data.putAll(extra);
        publish(eventId, at, type, data);
    }

    /**
     * A data subject was erased: the stored bodies of their orders' deliveries lose their personal data, and so do
     * the order facts, first, so that a delivery written after this one shows the placeholder too.
     */
    @EventHandler
    @DisallowReplay
    void on(DataSubjectErasedEvent event) {
        event.orderIds().forEach(orders::erase);
        deliveries.erasePersonalData(
                event.orderIds().stream().map(OrderId::value).toList());
    }

    private static Map<String, Object> customer(OrderFacts order) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("customerId", order.customerId());
        customer.put("email", order.email());
        customer.put("guest", order.guest());
        return customer;
    }

    private void publish(String eventId, Instant at, WebhookEventType type, Map<String, Object> data) {
        List<WebhookEndpoints.Endpoint> subscribed = endpoints.subscribedTo(type);
        if (subscribed.isEmpty()) {
            return;
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", eventId);
        envelope.put("type", type.wireName());
        envelope.put("createdAt", at);
        envelope.put("data", data);
        String body;
        try {
            body = JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook body of event " + eventId + " could not be written", e);
        }
        Instant now = clock.instant();
        Object orderId = data.get("orderId");
        for (WebhookEndpoints.Endpoint endpoint : subscribed) {
            deliveries.enqueue(eventId, endpoint.id(), type, body, orderId == null ? null : orderId.toString(), now);
        }
    }
}
