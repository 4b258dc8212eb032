package io.orderengine.api.payments.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.orderengine.api.payments.e2e.PaymentsEngine.Placed;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.payment.ResilientPaymentGateway;
import io.orderengine.testkit.TestStore;
import io.orderengine.testkit.gateways.StripeEmulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stripe failing while the engine captures: 500s, connection resets and answers too slow to wait for, injected by
 * WireMock in front of the Stripe emulator. The engine retries with the capture's idempotency key, its circuit
 * breaker opens when Stripe keeps failing, the order waits in ATTENTION with its stock still reserved, and an admin
 * retry finishes it once Stripe is back; Stripe never charges twice. Gateway settings are made small for the test:
 * 3 attempts 100 ms apart, 2 s call timeout, breaker over the last 6 calls at 50 %, open for 5 s: it has to stay open
 * from the outage's failing capture until the admin retry's capture is refused, a few event round trips that take well
 * under a second even on a loaded machine, and the test then waits for it to half-open. The outage runs last because
 * it leaves the breaker opened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayFaultsTest {

    private static final String WEBHOOK_SECRET = StripeDriver.newWebhookSecret();
    private static final String FAULTS = "stripe-capture-faults";

    @TempDir
    static Path folder;

    static StripeEmulator stripe;
    static PaymentsEngine engine;
    static StripeDriver driver;

    @BeforeAll
    static void start() {
        stripe = new StripeEmulator();
        Map<String, Object> properties = TestStore.fresh(folder);
        StripeDriver.configure(properties, stripe, WEBHOOK_SECRET);
        properties.put("engine.payments.resilience.max-attempts", "3");
        properties.put("engine.payments.resilience.initial-backoff", "100ms");
        properties.put("engine.payments.resilience.timeout", "2s");
        properties.put("engine.payments.resilience.sliding-window-size", "6");
        properties.put("engine.payments.resilience.failure-rate-threshold", "50");
        properties.put("engine.payments.resilience.open-state-wait", "5s");
        engine = PaymentsEngine.start(properties);
        driver = new StripeDriver(engine, stripe, WEBHOOK_SECRET);
        engine.registerSkus(10, "FLT-FLAKY", "FLT-SLOW", "FLT-DOWN");
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        stripe.shutdown();
    }

    @Test
    @Order(1)
    void aCaptureThatFailsTwiceIsRetriedWithTheSameKeyAndConfirmsTheOrderWithOneCharge() {
        Placed order = engine.checkout("FLT-FLAKY", 1, "stripe");
        String intent = engine.paymentReference(order.id());
        String capture = "/v1/payment_intents/" + intent + "/capture";
        stripe.server()
                .stubFor(
                        post(urlPathEqualTo(capture))
                                .atPriority(1)
                                .inScenario(FAULTS)
                                .whenScenarioStateIs(Scenario.STARTED)
                                .willSetStateTo("reset")
                                .willReturn(
                                        aResponse()
                                                .withStatus(500)
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong on Stripe's end.\"}}")));
        stripe.server()
                .stubFor(post(urlPathEqualTo(capture))
                        .atPriority(1)
                        .inScenario(FAULTS)
                        .whenScenarioStateIs("reset")
                        .willSetStateTo("recovered")
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        driver.authorize(order);
        JsonNode confirmed = engine.awaitStored(order.id(), "CONFIRMED", "PAID");

        List<LoggedRequest> captures = stripe.captureRequests(intent);
        assertThat(captures)
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.getHeader("Idempotency-Key")).isEqualTo(order.id() + ":capture"));
        assertThat(stripe.charges(intent)).isEqualTo(1);
        assertThat(engine.ledgerEntries(order.id(), "CAPTURE")).isEqualTo(1);
        assertThat(history(confirmed)).doesNotContain("ATTENTION");
        System.out.printf(
                "[faults e2e] 500 then reset then ok: capture requests=%d (keys %s), charges at Stripe=%d, "
                        + "ledger captures=%d, breaker %s%n",
                captures.size(),
                keys(captures),
                stripe.charges(intent),
                engine.ledgerEntries(order.id(), "CAPTURE"),
                breaker());
    }

    @Test
    @Order(2)
    void aCaptureAnsweredTooLateIsRetriedWithTheSameKeyAndStripeChargesOnce() {
        Placed order = engine.checkout("FLT-SLOW", 1, "stripe");
        String intent = engine.paymentReference(order.id());
        stripe.server()
                .stubFor(post(urlPathEqualTo("/v1/payment_intents/" + intent + "/capture"))
                        .atPriority(1)
                        .inScenario(FAULTS + "-slow")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("answered-late")
                        .willReturn(aResponse().withFixedDelay(5_000).withTransformers(StripeEmulator.NAME)));

        driver.authorize(order);
        engine.awaitStored(order.id(), "CONFIRMED", "PAID");

        List<LoggedRequest> captures = stripe.captureRequests(intent);
        assertThat(captures)
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.getHeader("Idempotency-Key")).isEqualTo(order.id() + ":capture"));
        assertThat(stripe.charges(intent))
                .as("the first, timed-out request was carried out; the retry replayed it")
                .isEqualTo(1);
        assertThat(engine.ledgerEntries(order.id(), "CAPTURE")).isEqualTo(1);
        System.out.printf(
                "[faults e2e] answer slower than the 2 s timeout: capture requests=%d (keys %s), charges at Stripe=%d, "
                        + "ledger captures=%d%n",
                captures.size(), keys(captures), stripe.charges(intent), engine.ledgerEntries(order.id(), "CAPTURE"));
    }

    @Test
    @Order(3)
    void anOutageOpensTheBreakerLeavesTheOrderInAttentionWithItsStockAndAnAdminRetryFinishesItOnceStripeIsBack() {
        Placed order = engine.checkout("FLT-DOWN", 2, "stripe");
        String intent = engine.paymentReference(order.id());
        StubMapping outage = stripe.server()
                .stubFor(
                        post(urlPathEqualTo("/v1/payment_intents/" + intent + "/capture"))
                                .atPriority(1)
                                .willReturn(
                                        aResponse()
                                                .withStatus(503)
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"error\":{\"type\":\"api_error\",\"message\":\"Stripe is unavailable.\"}}")));

        driver.authorize(order);
        JsonNode attention = engine.awaitStored(order.id(), "ATTENTION");
        int requestsWhileDown = stripe.captureRequests(intent).size();
        CircuitBreaker.State openedAt = breaker();
        assertThat(openedAt).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(requestsWhileDown).isBetween(1, 3);
        assertThat(attention.path("paymentStatus").asText()).isEqualTo("AUTHORIZED");
        assertThat(lastNote(attention)).contains("capture failed");
        await().atMost(PaymentsEngine.PATIENCE).until(() -> engine.available("FLT-DOWN") == 8);
        assertThat(engine.onHand("FLT-DOWN")).isEqualTo(10);

        assertThat(engine.retryCheckout(order.id()).status()).isEqualTo(202);
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> attentionEntries(engine.stored(order.id())) == 2
                        && "ATTENTION"
                                .equals(engine.stored(order.id()).path("status").asText()));
        int requestsAfterRetryWhileOpen = stripe.captureRequests(intent).size();
        assertThat(requestsAfterRetryWhileOpen)
                .as("the open breaker kept the retry from reaching Stripe")
                .isEqualTo(requestsWhileDown);

        stripe.server().removeStub(outage);
        await().atMost(PaymentsEngine.PATIENCE).until(() -> breaker() == CircuitBreaker.State.HALF_OPEN);
        assertThat(engine.retryCheckout(order.id()).status()).isEqualTo(202);
        JsonNode confirmed = engine.awaitStored(order.id(), "CONFIRMED", "PAID");
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.onHand("FLT-DOWN") == 8 && engine.available("FLT-DOWN") == 8);

        List<LoggedRequest> captures = stripe.captureRequests(intent);
        assertThat(captures)
                .hasSize(requestsWhileDown + 1)
                .allSatisfy(c -> assertThat(c.getHeader("Idempotency-Key")).isEqualTo(order.id() + ":capture"));
        assertThat(stripe.charges(intent)).isEqualTo(1);
        assertThat(engine.ledgerEntries(order.id(), "CAPTURE")).isEqualTo(1);
        assertThat(confirmed.path("payment").path("capturedMinor").asLong())
                .isEqualTo(confirmed.path("totals").path("totalMinor").asLong());
        System.out.printf(
                "[faults e2e] outage: capture requests while down=%d, after an admin retry with the breaker open=%d, "
                        + "breaker %s then %s, after recovery and retry=%d (keys %s), charges at Stripe=%d, ledger captures=%d, "
                        + "stock on hand/available %d/%d, history %s%n",
                requestsWhileDown,
                requestsAfterRetryWhileOpen,
                openedAt,
                breaker(),
                captures.size(),
                keys(captures),
                stripe.charges(intent),
                engine.ledgerEntries(order.id(), "CAPTURE"),
                engine.onHand("FLT-DOWN"),
                engine.available("FLT-DOWN"),
                history(confirmed));
    }

    private static CircuitBreaker.State breaker() {
        return ((ResilientPaymentGateway) engine.bean(PaymentGateways.class).gateway(PaymentMethod.STRIPE))
                .circuitState();
    }

    private static List<String> history(JsonNode order) {
        return StreamSupport.stream(order.path("statusHistory").spliterator(), false)
                .map(c -> c.path("to").asText())
                .toList();
    }

    private static long attentionEntries(JsonNode order) {
        return history(order).stream().filter("ATTENTION"::equals).count();
    }

    private static String lastNote(JsonNode order) {
        JsonNode changes = order.path("statusHistory");
        return changes.get(changes.size() - 1).path("note").asText();
    }

    private static List<String> keys(List<LoggedRequest> requests) {
        return requests.stream()
                .map(r -> r.getHeader("Idempotency-Key"))
                .distinct()
                .toList();
    }
}
