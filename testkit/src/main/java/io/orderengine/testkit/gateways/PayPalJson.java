package io.orderengine.testkit.gateways;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.testkit.gateways.PayPalEmulator.PayPalOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the {@link PayPalEmulator} reads and writes, shaped like PayPal's documented resources and built from the
 * emulator's state: Orders v2 orders (with their authorizations, captures and refunds), captures, refunds, webhook
 * events and error bodies; links point at the emulator's base URL.
 */
final class PayPalJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    PayPalJson(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Map<String, Object> order(PayPalOrder order) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("reference_id", order.engineOrderId);
        unit.put("custom_id", order.engineOrderId);
        if (order.invoiceId != null) {
            unit.put("invoice_id", order.invoiceId);
        }
        unit.put("amount", amount(order.currency, order.value));
        Map<String, Object> payments = new LinkedHashMap<>();
        if (order.authorizationId != null) {
            Map<String, Object> authorization = new LinkedHashMap<>();
            authorization.put("id", order.authorizationId);
            authorization.put("status", order.authorizationStatus);
            authorization.put("amount", amount(order.currency, order.value));
            authorization.put("custom_id", order.engineOrderId);
            authorization.put(
                    "expiration_time",
                    Instant.now()
                            .plus(29, ChronoUnit.DAYS)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString());
            payments.put("authorizations", List.of(authorization));
        }
        if (order.captureId != null) {
            payments.put("captures", List.of(capture(order)));
        }
        if (!order.refunds.isEmpty()) {
            payments.put("refunds", order.refunds);
        }
        if (!payments.isEmpty()) {
            unit.put("payments", payments);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", order.id);
        json.put("intent", "AUTHORIZE");
        json.put("status", order.status);
        json.put("purchase_units", List.of(unit));
        json.put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        json.put(
                "links",
                List.of(
                        link(baseUrl + "/v2/checkout/orders/" + order.id, "self", "GET"),
                        link("https://www.sandbox.paypal.com/checkoutnow?token=" + order.id, "approve", "GET"),
                        link(baseUrl + "/v2/checkout/orders/" + order.id + "/authorize", "authorize", "POST")));
        return json;
    }

    Map<String, Object> capture(PayPalOrder order) {
        Map<String, Object> capture = new LinkedHashMap<>();
        capture.put("id", order.captureId);
        capture.put("status", order.captureStatus);
        capture.put("amount", amount(order.currency, order.capturedValue));
        capture.put("final_capture", true);
        capture.put("custom_id", order.engineOrderId);
        if (order.invoiceId != null) {
            capture.put("invoice_id", order.invoiceId);
        }
        capture.put(
                "supplementary_data",
                Map.of("related_ids", Map.of("order_id", order.id, "authorization_id", order.authorizationId)));
        capture.put(
                "links",
                List.of(
                        link(baseUrl + "/v2/payments/captures/" + order.captureId, "self", "GET"),
                        link(baseUrl + "/v2/payments/captures/" + order.captureId + "/refund", "refund", "POST"),
                        link(baseUrl + "/v2/payments/authorizations/" + order.authorizationId, "up", "GET")));
        return capture;
    }

    /** A completed refund {@code id} of {@code value} from the order's capture, created now. */
    Map<String, Object> refund(String id, PayPalOrder order, String value, String invoiceId) {
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", id);
        refund.put("status", "COMPLETED");
        refund.put("amount", amount(order.currency, value));
        if (invoiceId != null) {
            refund.put("invoice_id", invoiceId);
        }
        refund.put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        refund.put(
                "links",
                List.of(
                        link(baseUrl + "/v2/payments/refunds/" + refund.get("id"), "self", "GET"),
                        link(baseUrl + "/v2/payments/captures/" + order.captureId, "up", "GET")));
        return refund;
    }

    /** A webhook event of {@code type} about {@code resource}, created now. */
    String event(String eventId, String type, String resourceType, Object resource) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("event_version", "1.0");
        event.put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("resource_type", resourceType);
        event.put("resource_version", "2.0");
        event.put("event_type", type);
        event.put("summary", type.toLowerCase().replace('.', ' '));
        event.put("resource", resource);
        event.put("links", List.of(link(baseUrl + "/v1/notifications/webhooks-events/" + eventId, "self", "GET")));
        return write(event);
    }

    private static Map<String, Object> amount(String currency, String value) {
        return Map.of("currency_code", currency, "value", value);
    }

    private static Map<String, Object> link(String href, String rel, String method) {
        return Map.of("href", href, "rel", rel, "method", method);
    }

    /** PayPal's 404 body with one detail. */
    static String notFound(String issue, String description) {
        return write(Map.of(
                "name",
                "RESOURCE_NOT_FOUND",
                "message",
                "The specified resource does not exist.",
                "debug_id",
                "e2e404",
                "details",
                List.of(Map.of("issue", issue, "description", description))));
    }

    /** PayPal's 422 body with one detail. */
    static String unprocessable(String issue, String description) {
        return write(Map.of(
                "name",
                "UNPROCESSABLE_ENTITY",
                "message",
                "The requested action could not be performed, semantically incorrect, or failed business validation.",
                "debug_id",
                "e2e422",
                "details",
                List.of(Map.of("issue", issue, "description", description))));
    }

    /** The request body as JSON; an empty object when it is missing or not JSON. */
    static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
