package io.orderengine.testkit.gateways;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small stateful PayPal REST API behind WireMock, for whole-engine tests: OAuth tokens, Orders v2 (create with
 * intent AUTHORIZE, show, authorize), Payments v2 (capture and void an authorization, refund a capture) with answers
 * shaped like PayPal's documented resources, {@code PayPal-Request-Id} idempotency (a repeated id gets the first
 * answer without acting twice), and {@code POST /v1/notifications/verify-webhook-signature}.
 *
 * <p>Webhook "signatures": a transmission verifies when its {@code PAYPAL-TRANSMISSION-SIG} is what
 * {@link #signature} gives for its transmission id and event and the webhook id is the configured one; anything
 * else is {@code FAILURE}, as PayPal answers for a forged delivery. It also plays the buyer and the PayPal dashboard.
 * The JSON it answers and sends is built by {@link PayPalJson}.
 */
public final class PayPalEmulator implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "paypal-emulator";
    public static final String WEBHOOK_ID = "WH-E2E-8PT597110X687430LKGECATA";

    /** One PayPal order and its payments. */
    public static final class PayPalOrder {
        public final String id;
        public final String engineOrderId;
        public final String invoiceId;
        public final String currency;
        public final String value;
        public String status = "CREATED";
        public String authorizationId;
        public String authorizationStatus;
        public String captureId;
        public String captureStatus;
        public String capturedValue;
        public int captures;
        public final List<Map<String, Object>> refunds = new ArrayList<>();

        public PayPalOrder(String id, String engineOrderId, String invoiceId, String currency, String value) {
            this.id = id;
            this.engineOrderId = engineOrderId;
            this.invoiceId = invoiceId;
            this.currency = currency;
            this.value = value;
        }
    }

    private record Answer(int status, String body) {}

    private final Map<String, PayPalOrder> orders = new LinkedHashMap<>();
    private final Map<String, Answer> idempotent = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final WireMockServer server;
    private final PayPalJson json;

    public PayPalEmulator() {
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
        json = new PayPalJson(server.baseUrl());
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void shutdown() {
        server.stop();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Answer answer = answer(serveEvent.getRequest());
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
                .but()
                .withStatus(answer.status())
                .withHeader("Paypal-Debug-Id", "e2e" + ids.incrementAndGet());
        if (answer.body() != null) {
            response.withHeader("Content-Type", "application/json").withBody(answer.body());
        }
        return response.build();
    }

    private synchronized Answer answer(Request request) {
        String requestId = request.getHeader("PayPal-Request-Id");
        String path = URI.create(request.getUrl()).getPath();
        String method = request.getMethod().getName();
        if (requestId != null) {
            Answer replay = idempotent.get(requestId + " " + path);
            if (replay != null) {
                return replay;
            }
        }
        JsonNode body = PayPalJson.parse(request.getBodyAsString());
        Answer answer = route(method, path, body);
        if (requestId != null && answer.status() < 500) {
            idempotent.put(requestId + " " + path, answer);
        }
        return answer;
    }

    private Answer route(String method, String path, JsonNode body) {
        String[] parts = path.split("/");
        if ("POST".equals(method) && "/v1/oauth2/token".equals(path)) {
            return ok(Map.of(
                    "scope",
                    "https://uri.paypal.com/services/payments/payment",
                    "access_token",
                    "A21AAe2e-token",
                    "token_type",
                    "Bearer",
                    "app_id",
                    "APP-80W284485P519543T",
                    "expires_in",
                    32400,
                    "nonce",
                    "e2e"));
        }
        if ("POST".equals(method) && "/v1/notifications/verify-webhook-signature".equals(path)) {
            return verify(body);
        }
        if ("POST".equals(method) && "/v2/checkout/orders".equals(path)) {
            return create(body);
        }
        if (path.startsWith("/v2/checkout/orders/") && parts.length >= 5) {
            PayPalOrder order = orders.get(parts[4]);
            if (order == null) {
                return notFound("RESOURCE_NOT_FOUND", "The specified resource does not exist.");
            }
            if ("GET".equals(method) && parts.length == 5) {
                return ok(json.order(order));
            }
            if ("POST".equals(method) && parts.length == 6 && "authorize".equals(parts[5])) {
                return authorize(order);
            }
        }
        if (path.startsWith("/v2/payments/authorizations/") && parts.length == 6) {
            PayPalOrder order = orders.values().stream()
                    .filter(o -> parts[4].equals(o.authorizationId))
                    .findFirst()
                    .orElse(null);
            if (order == null) {
                return notFound("RESOURCE_NOT_FOUND", "The specified resource does not exist.");
            }
            if ("capture".equals(parts[5])) {
                return capture(order, body);
            }
            if ("void".equals(parts[5])) {
                return voidAuthorization(order);
            }
        }
        if (path.startsWith("/v2/payments/captures/") && parts.length == 6 && "refund".equals(parts[5])) {
            PayPalOrder order = orders.values().stream()
                    .filter(o -> parts[4].equals(o.captureId))
                    .findFirst()
                    .orElse(null);
            if (order == null) {
                return notFound("RESOURCE_NOT_FOUND", "The specified resource does not exist.");
            }
            return refund(order, body);
        }
        return notFound("NOT_FOUND", "No route for " + method + " " + path);
    }

    private Answer create(JsonNode body) {
        JsonNode unit = body.path("purchase_units").path(0);
        PayPalOrder order = new PayPalOrder(
                Long.toString(5_000_000_000L + ids.incrementAndGet(), 36).toUpperCase() + "E2E",
                unit.path("custom_id").asText(null),
                unit.path("invoice_id").asText(null),
                unit.path("amount").path("currency_code").asText(),
                unit.path("amount").path("value").asText());
        orders.put(order.id, order);
        return new Answer(201, PayPalJson.write(json.order(order)));
    }

    private Answer authorize(PayPalOrder order) {
        if (!"APPROVED".equals(order.status)) {
            return unprocessable("ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.");
        }
        order.status = "COMPLETED";
        order.authorizationId = "AUTH" + ids.incrementAndGet() + "E2E";
        order.authorizationStatus = "CREATED";
        return new Answer(201, PayPalJson.write(json.order(order)));
    }

    private Answer capture(PayPalOrder order, JsonNode body) {
        if (!"CREATED".equals(order.authorizationStatus)) {
            return unprocessable(
                    "AUTHORIZATION_ALREADY_CAPTURED",
                    "Authorization has been previously captured and hence cannot be captured again.");
        }
        String value = body.path("amount").path("value").asText(order.value);
        takeCapture(order, value);
        return new Answer(201, PayPalJson.write(json.capture(order)));
    }

    private void takeCapture(PayPalOrder order, String value) {
        order.authorizationStatus = "CAPTURED";
        order.captureId = "CAP" + ids.incrementAndGet() + "E2E";
        order.captureStatus = "COMPLETED";
        order.capturedValue = value;
        order.captures++;
    }

    private Answer voidAuthorization(PayPalOrder order) {
        if (!"CREATED".equals(order.authorizationStatus)) {
            return unprocessable(
                    "PREVIOUSLY_VOIDED", "Authorization has been previously voided and hence cannot be voided again.");
        }
        order.authorizationStatus = "VOIDED";
        return new Answer(204, null);
    }

    private Answer refund(PayPalOrder order, JsonNode body) {
        String value = body.path("amount").path("value").asText(order.capturedValue);
        return new Answer(
                201,
                PayPalJson.write(addRefund(order, value, body.path("invoice_id").asText(null))));
    }

    private Map<String, Object> addRefund(PayPalOrder order, String value, String invoiceId) {
        Map<String, Object> refund = json.refund("REF" + ids.incrementAndGet() + "E2E", order, value, invoiceId);
        order.refunds.add(refund);
        order.captureStatus = "PARTIALLY_REFUNDED";
        return refund;
    }

    private Answer verify(JsonNode body) {
        String expected = signature(body.path("transmission_id").asText(), body.path("webhook_event"));
        boolean verified = WEBHOOK_ID.equals(body.path("webhook_id").asText())
                && expected.equals(body.path("transmission_sig").asText());
        return ok(Map.of("verification_status", verified ? "SUCCESS" : "FAILURE"));
    }

    /** The signature this PayPal gives a transmission of {@code event}; stands in for PayPal's certificate signature. */
    public static String signature(String transmissionId, JsonNode event) {
        return StripeSignatures.hmac("paypal-e2e-signing-key", transmissionId + "|" + event.toString());
    }

    /** The transmission headers PayPal sends with {@code event}, signed correctly, or forged when {@code forged}. */
    public static Map<String, String> transmission(String event, boolean forged) {
        String transmissionId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("PAYPAL-AUTH-ALGO", "SHA256withRSA");
        headers.put("PAYPAL-CERT-URL", "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-e2e");
        headers.put("PAYPAL-TRANSMISSION-ID", transmissionId);
        headers.put(
                "PAYPAL-TRANSMISSION-SIG",
                forged
                        ? "forged"
                                + signature(transmissionId, PayPalJson.parse(event))
                                        .substring(6)
                        : signature(transmissionId, PayPalJson.parse(event)));
        headers.put(
                "PAYPAL-TRANSMISSION-TIME",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return headers;
    }

    /** The buyer approves the order at PayPal's approve link. */
    public synchronized void buyerApproves(String paypalOrderId) {
        order(paypalOrderId).status = "APPROVED";
    }

    /** The order is authorized and captured at PayPal outside the engine (another integration, the dashboard). */
    public synchronized void captureOutsideEngine(String paypalOrderId) {
        PayPalOrder order = order(paypalOrderId);
        order.status = "COMPLETED";
        order.authorizationId = "AUTH" + ids.incrementAndGet() + "E2E";
        takeCapture(order, order.value);
    }

    /** Someone refunds part of the capture in the PayPal dashboard; returns the refund id. */
    public synchronized String refundInDashboard(String paypalOrderId, String value) {
        return (String) addRefund(order(paypalOrderId), value, null).get("id");
    }

    public synchronized PayPalOrder order(String paypalOrderId) {
        PayPalOrder order = orders.get(paypalOrderId);
        if (order == null) {
            throw new IllegalArgumentException("no PayPal order " + paypalOrderId);
        }
        return order;
    }

    public List<LoggedRequest> captureRequests() {
        return server.findAll(postRequestedFor(urlPathMatching("/v2/payments/authorizations/.*/capture")));
    }

    public List<LoggedRequest> refundRequests() {
        return server.findAll(postRequestedFor(urlPathMatching("/v2/payments/captures/.*/refund")));
    }

    /** A {@code CHECKOUT.ORDER.APPROVED} event with the order as it is now. */
    public synchronized String orderApprovedEvent(String eventId, String paypalOrderId) {
        return json.event(eventId, "CHECKOUT.ORDER.APPROVED", "checkout-order", json.order(order(paypalOrderId)));
    }

    /** A {@code PAYMENT.CAPTURE.COMPLETED} event with the order's capture. */
    public synchronized String captureCompletedEvent(String eventId, String paypalOrderId) {
        return json.event(eventId, "PAYMENT.CAPTURE.COMPLETED", "capture", json.capture(order(paypalOrderId)));
    }

    /** A {@code PAYMENT.CAPTURE.REFUNDED} event with the refund {@code refundId} of the order. */
    public synchronized String captureRefundedEvent(String eventId, String paypalOrderId, String refundId) {
        Map<String, Object> refund = order(paypalOrderId).refunds.stream()
                .filter(r -> refundId.equals(r.get("id")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no refund " + refundId));
        return json.event(eventId, "PAYMENT.CAPTURE.REFUNDED", "refund", refund);
    }

    /** The id of the latest refund of the order. */
    public synchronized String latestRefund(String paypalOrderId) {
        List<Map<String, Object>> refunds = order(paypalOrderId).refunds;
        return (String) refunds.get(refunds.size() - 1).get("id");
    }

    private static Answer ok(Object body) {
        return new Answer(200, PayPalJson.write(body));
    }

    private static Answer notFound(String issue, String description) {
        return new Answer(404, PayPalJson.notFound(issue, description));
    }

    private static Answer unprocessable(String issue, String description) {
        return new Answer(422, PayPalJson.unprocessable(issue, description));
    }
}
