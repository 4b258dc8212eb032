package io.orderengine.saga.payment.paypal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paypal.core.PayPalEnvironment;
import com.paypal.core.object.AccessToken;
import com.paypal.core.request.AccessTokenRequest;
import com.paypal.http.HttpClient;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.inbox.InvalidWebhookSignatureException;
import io.orderengine.saga.inbox.PaymentNotification;
import io.orderengine.saga.inbox.PaymentNotificationHandler;
import io.orderengine.saga.inbox.WebhookInbox;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.saga.inbox.WebhookResult;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.Refund;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Handles {@code POST /api/v1/webhooks/paypal}. The delivery is verified by PayPal itself: the transmission
 * headers, the configured webhook id and the raw body (embedded byte for byte, never re-serialized) go to
 * {@code POST /v1/notifications/verify-webhook-signature}, and only {@code SUCCESS} is processed.
 *
 * <p>Handled: {@code CHECKOUT.ORDER.APPROVED} (authorized: the engine authorizes and captures in its capture step),
 * {@code PAYMENT.CAPTURE.COMPLETED} (captured), {@code PAYMENT.CAPTURE.DENIED} (failed),
 * {@code PAYMENT.CAPTURE.REFUNDED} (a refund; its order is found through the ledger's capture entry).
 * Other types are acknowledged and ignored. Each event id is processed once through the {@link WebhookInbox}.
 */
public final class PayPalWebhookService {

    static final String INBOX_PROVIDER = "paypal";
    private static final Set<String> HANDLED = Set.of(
            "CHECKOUT.ORDER.APPROVED",
            "PAYMENT.CAPTURE.COMPLETED",
            "PAYMENT.CAPTURE.DENIED",
            "PAYMENT.CAPTURE.REFUNDED");
    private static final List<String> TRANSMISSION_HEADERS = List.of(
            "PAYPAL-AUTH-ALGO",
            "PAYPAL-CERT-URL",
            "PAYPAL-TRANSMISSION-ID",
            "PAYPAL-TRANSMISSION-SIG",
            "PAYPAL-TRANSMISSION-TIME");

    private final PayPalEnvironment environment;
    private final String webhookId;
    private final PaymentLedger ledger;
    private final WebhookInbox inbox;
    private final PaymentNotificationHandler notifications;
    private final ObjectMapper json = new ObjectMapper();
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private volatile AccessToken token;

    PayPalWebhookService(
            PayPalEnvironment environment,
            String webhookId,
            PaymentLedger ledger,
            WebhookInbox inbox,
            PaymentNotificationHandler notifications) {
        this.environment = environment;
        this.webhookId = webhookId;
        this.ledger = ledger;
        this.inbox = inbox;
        this.notifications = notifications;
    }

    /** The service for the REST app of {@code clientId} and the webhook {@code webhookId}; {@code baseUrl} null means live PayPal. */
    public static PayPalWebhookService create(
            String clientId,
            String clientSecret,
            String baseUrl,
            String webhookId,
            PaymentLedger ledger,
            WebhookInbox inbox,
            PaymentNotificationHandler notifications) {
        return new PayPalWebhookService(
                PayPalPaymentGateway.environment(clientId, clientSecret, baseUrl),
                webhookId,
                ledger,
                inbox,
                notifications);
    }

    /**
     * Verifies and processes one delivery; {@code headers} are the request's headers (any case). Throws
     * {@link InvalidWebhookSignatureException} (answer 400) when PayPal does not vouch for it, and
     * {@link WebhookProcessingException} (answer 5xx, PayPal retries) when it could not be verified or processed.
     */
    public WebhookResult handle(String rawBody, Map<String, String> headers) {
        Map<String, String> transmission = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        transmission.putAll(headers);
        JsonNode event = parse(rawBody);
        verify(rawBody, transmission);
        String type = event.path("event_type").asText();
        if (!HANDLED.contains(type)) {
            return WebhookResult.IGNORED;
        }
        JsonNode resource = event.path("resource");
        WebhookInbox.Outcome outcome = inbox.process(
                INBOX_PROVIDER,
                event.path("id").asText(),
                type,
                rawBody,
                () -> notifications.apply(notificationFor(type, resource)));
        return outcome == WebhookInbox.Outcome.PROCESSED ? WebhookResult.PROCESSED : WebhookResult.ALREADY_PROCESSED;
    }

    /** Runs a stored event's work again (the inbox's retries); PayPal vouched for the payload when it was received. */
    public void replay(String eventType, String payload) {
        notifications.apply(notificationFor(eventType, parse(payload).path("resource")));
    }

    private JsonNode parse(String rawBody) {
        try {
            JsonNode event = json.readTree(rawBody);
            if (event == null || !event.hasNonNull("id") || !event.hasNonNull("event_type")) {
                throw new InvalidWebhookSignatureException("not a PayPal webhook event", null);
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new InvalidWebhookSignatureException("not a PayPal webhook event: " + e.getOriginalMessage(), e);
        }
    }

    private void verify(String rawBody, Map<String, String> transmission) {
        for (String header : TRANSMISSION_HEADERS) {
            if (transmission.get(header) == null) {
                throw new InvalidWebhookSignatureException("missing " + header + " header", null);
            }
        }
        String body = "{\"auth_algo\":" + quoted(transmission.get("PAYPAL-AUTH-ALGO"))
                + ",\"cert_url\":" + quoted(transmission.get("PAYPAL-CERT-URL"))
                + ",\"transmission_id\":" + quoted(transmission.get("PAYPAL-TRANSMISSION-ID"))
                + ",\"transmission_sig\":" + quoted(transmission.get("PAYPAL-TRANSMISSION-SIG"))
                + ",\"transmission_time\":" + quoted(transmission.get("PAYPAL-TRANSMISSION-TIME"))
                + ",\"webhook_id\":" + quoted(webhookId)
                + ",\"webhook_event\":" + rawBody + "}";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(environment.baseUrl() + "/v1/notifications/verify-webhook-signature"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new WebhookProcessingException(
                    "PayPal could not be asked to verify the webhook: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookProcessingException("interrupted while verifying the webhook", e);
        }
        if (response.statusCode() == 401) {
            token = null;
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429 || response.statusCode() == 401) {
            throw new WebhookProcessingException(
                    "PayPal answered " + response.statusCode() + " to the verification", null);
        }
        String status;
        try {
            status = json.readTree(response.body()).path("verification_status").asText();
        } catch (JsonProcessingException e) {
            throw new WebhookProcessingException("PayPal's verification answer is not JSON", e);
        }
        if (!"SUCCESS".equals(status)) {
            throw new InvalidWebhookSignatureException(
                    "PayPal did not verify the webhook (" + response.statusCode() + " " + status + ")", null);
        }
    }

    private String accessToken() {
        AccessToken current = token;
        if (current == null || current.isExpired()) {
            try {
                current = new HttpClient(environment)
                        .execute(new AccessTokenRequest(environment))
                        .result();
            } catch (IOException e) {
                throw new WebhookProcessingException("no PayPal access token: " + e.getMessage(), e);
            }
            token = current;
        }
        return current.accessToken();
    }

    private String quoted(String value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private PaymentNotification notificationFor(String type, JsonNode resource) {
        return switch (type) {
            case "CHECKOUT.ORDER.APPROVED" -> {
                JsonNode unit = resource.path("purchase_units").path(0);
                String orderId = unit.hasNonNull("custom_id")
                        ? unit.path("custom_id").asText()
                        : unit.path("reference_id").asText();
                yield PaymentNotification.authorized(
                        PaymentMethod.PAYPAL,
                        new OrderId(orderId),
                        resource.path("id").asText(),
                        money(unit.path("amount")),
                        "paypal",
                        null);
            }
            case "PAYMENT.CAPTURE.COMPLETED" ->
                PaymentNotification.captured(
                        PaymentMethod.PAYPAL,
                        new OrderId(resource.path("custom_id").asText()),
                        relatedOrder(resource),
                        money(resource.path("amount")),
                        "paypal",
                        null,
                        resource.path("id").asText());
            case "PAYMENT.CAPTURE.DENIED" ->
                PaymentNotification.failed(
                        PaymentMethod.PAYPAL,
                        new OrderId(resource.path("custom_id").asText()),
                        relatedOrder(resource),
                        "capture denied at paypal");
            case "PAYMENT.CAPTURE.REFUNDED" -> {
                String captureId = captureOfRefund(resource);
                LedgerEntry capture = ledger.capture(PaymentMethod.PAYPAL, captureId)
                        .orElseThrow(() -> new IllegalStateException(
                                "refund " + resource.path("id").asText() + " of unknown capture " + captureId));
                Refund refund = new Refund(
                        resource.path("id").asText(),
                        money(resource.path("amount")),
                        IdempotencyKeys.refundIdOf(resource.path("invoice_id").asText(null)));
                yield PaymentNotification.refunded(
                        PaymentMethod.PAYPAL, capture.orderId(), capture.paymentReference(), List.of(refund));
            }
            default -> throw new IllegalArgumentException("unhandled PayPal event type " + type);
        };
    }

    private static String relatedOrder(JsonNode capture) {
        return capture.path("supplementary_data")
                .path("related_ids")
                .path("order_id")
                .asText(null);
    }

    private static String captureOfRefund(JsonNode refund) {
        for (JsonNode link : refund.path("links")) {
            if ("up".equals(link.path("rel").asText())) {
                String href = link.path("href").asText();
                return href.substring(href.lastIndexOf('/') + 1);
            }
        }
        throw new IllegalStateException("refund " + refund.path("id").asText() + " names no capture");
    }

    private static Money money(JsonNode amount) {
        return PayPalAmounts.toMoney(
                amount.path("value").asText(), amount.path("currency_code").asText());
    }
}
