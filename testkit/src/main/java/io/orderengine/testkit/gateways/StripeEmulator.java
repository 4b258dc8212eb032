package io.orderengine.testkit.gateways;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small stateful Stripe behind WireMock, for whole-engine tests: PaymentIntents with manual capture (create,
 * retrieve with {@code expand[]=latest_charge}, capture, cancel), refunds (create, list by payment intent), answers
 * shaped like Stripe's documented objects and errors, and Stripe's idempotency: a repeated {@code Idempotency-Key}
 * gets the first answer again (header {@code Idempotent-Replayed: true}) without acting twice.
 *
 * <p>It plays the customer and the Stripe dashboard too ({@link #customerConfirms}, {@link #captureInDashboard},
 * {@link #refundInDashboard}) and builds webhook events from the current state. Every request stays in WireMock's
 * journal; faults are injected with higher-priority WireMock stubs that never reach the emulator. The JSON it answers
 * and sends is built by {@link StripeJson}.
 */
public final class StripeEmulator implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "stripe-emulator";

    /** One PaymentIntent and what happened to it. */
    public static final class Intent {
        public final String id;
        public final String orderId;
        public final String orderNumber;
        public final long amount;
        public final String currency;
        public final long created = Instant.now().getEpochSecond();
        public String status = "requires_payment_method";
        public String chargeId;
        public long amountReceived;
        public int captures;
        public final List<Map<String, Object>> refunds = new ArrayList<>();

        public Intent(String id, String orderId, String orderNumber, long amount, String currency) {
            this.id = id;
            this.orderId = orderId;
            this.orderNumber = orderNumber;
            this.amount = amount;
            this.currency = currency;
        }

        public String clientSecret() {
            return id + "_secret_e2e" + id.hashCode();
        }

        /** The amount refunded so far. */
        long refunded() {
            return refunds.stream()
                    .mapToLong(r -> ((Number) r.get("amount")).longValue())
                    .sum();
        }
    }

    private record Answer(int status, String body, boolean replayed) {
        Answer replay() {
            return new Answer(status, body, true);
        }
    }

    private final Map<String, Intent> intents = new LinkedHashMap<>();
    private final Map<String, Answer> idempotent = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WireMockServer server;

    public StripeEmulator() {
        server = new WireMockServer(options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
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
        LoggedRequest request = serveEvent.getRequest();
        Answer answer = answer(request);
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
                .but()
                .withStatus(answer.status())
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_" + ids.incrementAndGet())
                .withBody(answer.body());
        if (answer.replayed()) {
            response.withHeader("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    private synchronized Answer answer(Request request) {
        String key = request.getHeader("Idempotency-Key");
        String path = URI.create(request.getUrl()).getPath();
        String method = request.getMethod().getName();
        if (key != null && "POST".equals(method)) {
            Answer replay = idempotent.get(key + " " + path);
            if (replay != null) {
                return replay.replay();
            }
        }
        Answer answer = route(method, path, StripeForm.parameters(request));
        if (key != null && "POST".equals(method)) {
            idempotent.put(key + " " + path, answer);
        }
        return answer;
    }

    private Answer route(String method, String path, Map<String, String> params) {
        String[] parts = path.split("/");
        if ("POST".equals(method) && "/v1/payment_intents".equals(path)) {
            return create(params);
        }
        if (path.startsWith("/v1/payment_intents/") && parts.length >= 4) {
            Intent intent = intents.get(parts[3]);
            if (intent == null) {
                return error(
                        404, "invalid_request_error", "resource_missing", "No such payment_intent: '" + parts[3] + "'");
            }
            if ("GET".equals(method) && parts.length == 4) {
                return ok(StripeJson.intent(intent));
            }
            if ("POST".equals(method) && parts.length == 5 && "capture".equals(parts[4])) {
                return capture(intent, params);
            }
            if ("POST".equals(method) && parts.length == 5 && "cancel".equals(parts[4])) {
                return cancel(intent);
            }
        }
        if ("/v1/refunds".equals(path)) {
            return "POST".equals(method) ? refund(params) : refundList(params.get("payment_intent"));
        }
        return error(
                404,
                "invalid_request_error",
                "resource_missing",
                "Unrecognized request URL (" + method + ": " + path + ")");
    }

    private Answer create(Map<String, String> params) {
        String id = "pi_e2e" + ids.incrementAndGet();
        Intent intent = new Intent(
                id,
                params.get("metadata[order_id]"),
                params.get("metadata[order_number]"),
                Long.parseLong(params.get("amount")),
                params.get("currency"));
        intents.put(id, intent);
        return ok(StripeJson.intent(intent));
    }

    private Answer capture(Intent intent, Map<String, String> params) {
        if (!"requires_capture".equals(intent.status)) {
            return error(
                    400,
                    "invalid_request_error",
                    "payment_intent_unexpected_state",
                    "This PaymentIntent could not be captured because it has a status of " + intent.status + ".");
        }
        long amount = params.containsKey("amount_to_capture")
                ? Long.parseLong(params.get("amount_to_capture"))
                : intent.amount;
        intent.status = "succeeded";
        intent.amountReceived = amount;
        intent.captures++;
        return ok(StripeJson.intent(intent));
    }

    private Answer cancel(Intent intent) {
        if ("succeeded".equals(intent.status) || "canceled".equals(intent.status)) {
            return error(
                    400,
                    "invalid_request_error",
                    "payment_intent_unexpected_state",
                    "You cannot cancel this PaymentIntent because it has a status of " + intent.status + ".");
        }
        intent.status = "canceled";
        return ok(StripeJson.intent(intent));
    }

    private Answer refund(Map<String, String> params) {
        Intent intent = intents.get(params.get("payment_intent"));
        if (intent == null) {
            return error(
                    404,
                    "invalid_request_error",
                    "resource_missing",
                    "No such payment_intent: '" + params.get("payment_intent") + "'");
        }
        if (!"succeeded".equals(intent.status)) {
            return error(
                    400,
                    "invalid_request_error",
                    "charge_not_captured",
                    "This PaymentIntent has no captured charge to refund.");
        }
        long amount = params.containsKey("amount")
                ? Long.parseLong(params.get("amount"))
                : intent.amountReceived - intent.refunded();
        if (amount <= 0 || amount > intent.amountReceived - intent.refunded()) {
            return error(
                    400,
                    "invalid_request_error",
                    "amount_too_large",
                    "Refund amount is greater than the unrefunded amount on the charge.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (params.containsKey("metadata[refund_key]")) {
            metadata.put("refund_key", params.get("metadata[refund_key]"));
        }
        return ok(addRefund(intent, amount, metadata));
    }

    private Map<String, Object> addRefund(Intent intent, long amount, Map<String, String> metadata) {
        Map<String, Object> refund = StripeJson.refund("re_e2e" + ids.incrementAndGet(), intent, amount, metadata);
        intent.refunds.add(refund);
        return refund;
    }

    private Answer refundList(String paymentIntent) {
        return ok(StripeJson.refundList(intents.get(paymentIntent)));
    }

    /** The customer confirms the payment with Stripe.js: the card is authorized and the intent waits for capture. */
    public synchronized void customerConfirms(String paymentIntent) {
        Intent intent = intent(paymentIntent);
        intent.status = "requires_capture";
        intent.chargeId = "ch_e2e" + ids.incrementAndGet();
    }

    /** Someone captures the payment in Stripe's dashboard, outside the engine. */
    public synchronized void captureInDashboard(String paymentIntent) {
        Intent intent = intent(paymentIntent);
        if (intent.chargeId == null) {
            intent.chargeId = "ch_e2e" + ids.incrementAndGet();
        }
        intent.status = "succeeded";
        intent.amountReceived = intent.amount;
        intent.captures++;
    }

    /** Someone refunds part of the payment in Stripe's dashboard; the refund carries no engine refund key. */
    public synchronized String refundInDashboard(String paymentIntent, long amount) {
        return (String) addRefund(intent(paymentIntent), amount, Map.of()).get("id");
    }

    /** Planted difference: Stripe reports another captured amount than it charged. */
    public synchronized void plantCapturedAmount(String paymentIntent, long amountReceived) {
        intent(paymentIntent).amountReceived = amountReceived;
    }

    /** Planted difference: Stripe no longer knows the payment (404). */
    public synchronized void forget(String paymentIntent) {
        intents.remove(paymentIntent);
    }

    public synchronized Intent intent(String paymentIntent) {
        Intent intent = intents.get(paymentIntent);
        if (intent == null) {
            throw new IllegalArgumentException("no payment intent " + paymentIntent);
        }
        return intent;
    }

    public synchronized Intent intentOfOrder(String orderId) {
        return intents.values().stream()
                .filter(i -> orderId.equals(i.orderId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no payment intent for order " + orderId));
    }

    /** How many captures Stripe carried out for the intent (dashboard and engine alike); more than one is a double charge. */
    public synchronized int charges(String paymentIntent) {
        return intent(paymentIntent).captures;
    }

    /** The capture requests that reached WireMock for the intent, whatever they were answered. */
    public List<LoggedRequest> captureRequests(String paymentIntent) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + paymentIntent + "/capture")));
    }

    public List<LoggedRequest> refundRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")));
    }

    /** A Stripe event of {@code type} about the intent as it is now ({@code payment_intent.*}). */
    public synchronized String intentEvent(String eventId, String type, String paymentIntent) {
        return StripeJson.event(eventId, type, StripeJson.intent(intent(paymentIntent)));
    }

    /** A {@code charge.*} event about the intent's charge as it is now. */
    public synchronized String chargeEvent(String eventId, String type, String paymentIntent) {
        Intent intent = intent(paymentIntent);
        return StripeJson.event(eventId, type, StripeJson.charge(intent));
    }

    /** A {@code charge.dispute.created} event about the intent's charge. */
    public synchronized String disputeEvent(String eventId, String paymentIntent, String reason) {
        Intent intent = intent(paymentIntent);
        return StripeJson.event(
                eventId,
                "charge.dispute.created",
                StripeJson.dispute("dp_e2e" + ids.incrementAndGet(), intent, reason));
    }

    private static Answer ok(Object body) {
        return new Answer(200, StripeJson.write(body), false);
    }

    private static Answer error(int status, String type, String code, String message) {
        return new Answer(status, StripeJson.error(type, code, message), false);
    }
}
