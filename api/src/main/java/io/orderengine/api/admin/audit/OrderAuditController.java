package io.orderengine.api.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.OrderIds;
import io.orderengine.messages.common.OrderId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail of one order, read straight from the event store (admins only, as everything under
 * {@code /api/v1/admin}): {@code GET /api/v1/admin/orders/{id}/audit} →
 * {@code {"orderId","events":[{"sequence","eventId","at","type","payload":{...},"metadata":{...}}]}} with every event
 * in order. {@code type} is the event's simple class name, {@code payload} the event as JSON without the guest token
 * hash, {@code metadata} whatever the event carries (the request id and subject of the request that caused it, Axon's
 * {@code traceId} and {@code correlationId}). 404 for an unknown order.
 */
@RestController
class OrderAuditController {

    static final String HIDDEN_FIELD = "guestTokenHash";

    private final OrderEventLog events;
    private final ObjectMapper json;

    OrderAuditController(OrderEventLog events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** The answer: the order's events, oldest first. */
    record AuditTrail(String orderId, List<AuditEntry> events) {}

    /** One event of the order. */
    record AuditEntry(
            long sequence, String eventId, Instant at, String type, JsonNode payload, Map<String, Object> metadata) {}

    @GetMapping("/api/v1/admin/orders/{id}/audit")
    AuditTrail audit(@PathVariable String id) {
        OrderId orderId = OrderIds.fromPath(id);
        List<AuditEntry> entries =
                events.events(orderId).stream().map(this::entry).toList();
        if (entries.isEmpty()) {
            throw ApiException.notFound("Order " + id);
        }
        return new AuditTrail(orderId.value(), entries);
    }

    private AuditEntry entry(DomainEventMessage<?> event) {
        return new AuditEntry(
                event.getSequenceNumber(),
                event.getIdentifier(),
                event.getTimestamp(),
                event.getPayloadType().getSimpleName(),
                payload(event.getPayload()),
                new TreeMap<>(event.getMetaData()));
    }

    private JsonNode payload(Object payload) {
        JsonNode node = json.valueToTree(payload);
        hide(node);
        return node;
    }

    /** Removes the guest token hash wherever it is nested. */
    private static void hide(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(HIDDEN_FIELD);
        }
        node.forEach(OrderAuditController::hide);
    }
}
