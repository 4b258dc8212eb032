package io.orderengine.testkit.gateways;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.testkit.gateways.StripeEmulator.Intent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the {@link StripeEmulator} answers and sends, shaped like Stripe's documented objects and built from the
 * emulator's state: PaymentIntents (with the latest charge expanded), charges, refunds and refund lists, disputes,
 * webhook events and error bodies.
 */
final class StripeJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CAPTURE_BEFORE =
            Instant.parse("2099-01-01T00:00:00Z").getEpochSecond();

    private StripeJson() {}

    static Map<String, Object> intent(Intent intent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", intent.id);
        json.put("object", "payment_intent");
        json.put("amount", intent.amount);
        json.put("amount_capturable", "requires_capture".equals(intent.status) ? intent.amount : 0);
        json.put("amount_received", "succeeded".equals(intent.status) ? intent.amountReceived : 0);
        json.put("capture_method", "manual");
        json.put("client_secret", intent.clientSecret());
        json.put("created", intent.created);
        json.put("currency", intent.currency);
        json.put("description", intent.orderNumber == null ? null : "Order " + intent.orderNumber);
        json.put("last_payment_error", null);
        json.put("latest_charge", intent.chargeId == null ? null : charge(intent));
        json.put("livemode", false);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("order_id", intent.orderId);
        if (intent.orderNumber != null) {
            metadata.put("order_number", intent.orderNumber);
        }
        json.put("metadata", metadata);
        json.put("status", intent.status);
        return json;
    }

    static Map<String, Object> charge(Intent intent) {
        boolean captured = "succeeded".equals(intent.status);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("brand", "visa");
        card.put("last4", "4242");
        card.put("exp_month", 12);
        card.put("exp_year", 2034);
        card.put("capture_before", CAPTURE_BEFORE);
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("id", intent.chargeId);
        charge.put("object", "charge");
        charge.put("amount", intent.amount);
        charge.put("amount_captured", captured ? intent.amountReceived : 0);
        charge.put("amount_refunded", intent.refunded());
        charge.put("captured", captured);
        charge.put("currency", intent.currency);
        charge.put("payment_intent", intent.id);
        charge.put("payment_method_details", Map.of("type", "card", "card", card));
        charge.put("refunded", captured && intent.refunded() == intent.amountReceived);
        charge.put("status", "succeeded");
        return charge;
    }

    /** A succeeded refund {@code id} of {@code amount} on the intent's charge, created now. */
    static Map<String, Object> refund(String id, Intent intent, long amount, Map<String, String> metadata) {
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", id);
        refund.put("object", "refund");
        refund.put("amount", amount);
        refund.put("currency", intent.currency);
        refund.put("payment_intent", intent.id);
        refund.put("charge", intent.chargeId);
        refund.put("status", "succeeded");
        refund.put("created", Instant.now().getEpochSecond());
        refund.put("metadata", metadata);
        return refund;
    }

    /** The list of the intent's refunds (empty for an unknown intent, {@code null}). */
    static Map<String, Object> refundList(Intent intent) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("url", "/v1/refunds");
        list.put("has_more", false);
        list.put("data", intent == null ? List.of() : intent.refunds);
        return list;
    }

    /** A dispute {@code id} of the intent's charge, waiting for the merchant's response. */
    static Map<String, Object> dispute(String id, Intent intent, String reason) {
        Map<String, Object> dispute = new LinkedHashMap<>();
        dispute.put("id", id);
        dispute.put("object", "dispute");
        dispute.put("amount", intent.amountReceived);
        dispute.put("currency", intent.currency);
        dispute.put("charge", intent.chargeId);
        dispute.put("payment_intent", intent.id);
        dispute.put("reason", reason);
        dispute.put("status", "needs_response");
        return dispute;
    }

    /** A webhook event of {@code type} about {@code object}, created now. */
    static String event(String eventId, String type, Object object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("object", "event");
        event.put("api_version", "2025-09-30.clover");
        event.put("created", Instant.now().getEpochSecond());
        event.put("data", Map.of("object", object));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", null);
        request.put("idempotency_key", null);
        event.put("request", request);
        event.put("type", type);
        return write(event);
    }

    /** Stripe's error body: {@code {"error": {type, code, message}}}. */
    static String error(String type, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("code", code);
        error.put("message", message);
        return write(Map.of("error", error));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
