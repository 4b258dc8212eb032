package io.orderengine.api.payments.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.orderengine.api.payments.e2e.PaymentsEngine.Placed;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import io.orderengine.testkit.gateways.StripeEmulator;
import io.orderengine.testkit.gateways.StripeSignatures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stripe end to end: the whole engine against a Stripe emulator on WireMock, with webhooks signed by the test as
 * Stripe signs them. Every event is delivered twice, some at once and some out of order; the tests count the
 * requests Stripe received, the charges it made and the ledger entries the engine wrote.
 */
class StripeWebhookFlowTest {

    private static final String WEBHOOK_SECRET = StripeDriver.newWebhookSecret();

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
        engine = PaymentsEngine.start(properties);
        driver = new StripeDriver(engine, stripe, WEBHOOK_SECRET);
        engine.registerSkus(10, "ST-SECRET", "ST-PAY", "ST-REFUND", "ST-ORDER", "ST-FORGED", "ST-DISPUTE");
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        stripe.shutdown();
    }

    @Test
    void aStripeCheckoutWaitsForPaymentWithAClientSecretReadLiveAndStoredNowhere() {
        Placed order = engine.checkout("ST-SECRET", 1, "stripe");
        String intent = engine.paymentReference(order.id());

        JsonNode shown = engine.asCustomer(order);
        String secret = stripe.intent(intent).clientSecret();
        assertThat(shown.path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(shown.path("payment").path("action").path("type").asText()).isEqualTo("stripe");
        assertThat(shown.path("payment").path("action").path("clientSecret").asText())
                .isEqualTo(secret);
        assertThat(engine.stored(order.id()).path("payment").path("action").toString())
                .doesNotContain(secret);
        List<String> holding = engine.collectionsHolding(secret);
        assertThat(holding).as("collections holding the client secret").isEmpty();

        List<LoggedRequest> creates =
                stripe.server().findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))).stream()
                        .filter(r -> r.getBodyAsString().contains(order.id()))
                        .toList();
        assertThat(creates).singleElement().satisfies(create -> {
            assertThat(create.getHeader("Idempotency-Key")).isEqualTo(order.id() + ":authorize");
            assertThat(create.getBodyAsString()).contains("capture_method=manual");
        });
        assertThat(engine.available("ST-SECRET")).isEqualTo(9);
        System.out.printf(
                "[stripe e2e] client secret: shown live=%s, collections storing it=%d, create requests=%d%n",
                secret.equals(shown.path("payment")
                        .path("action")
                        .path("clientSecret")
                        .asText()),
                holding.size(),
                creates.size());
    }

    @Test
    void anAuthorizationDeliveredTwiceAtOnceIsCapturedOnceAndEveryLaterDuplicateChangesNothing() throws Exception {
        Placed order = engine.checkout("ST-PAY", 2, "stripe");
        String intent = engine.paymentReference(order.id());
        stripe.customerConfirms(intent);

        String authorized = stripe.intentEvent(newEventId(), "payment_intent.amount_capturable_updated", intent);
        List<Reply> replies = PaymentsEngine.concurrently(2, () -> deliver(authorized));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text("result")).isIn("processed", "already_processed");
        });
        JsonNode confirmed = engine.awaitStored(order.id(), "CONFIRMED", "PAID");
        assertThat(deliver(authorized).text("result")).isEqualTo("already_processed");

        String succeededId = newEventId();
        String succeeded = stripe.intentEvent(succeededId, "payment_intent.succeeded", intent);
        assertThat(deliver(succeeded).text("result")).isEqualTo("processed");
        assertThat(deliver(succeeded).text("result")).isEqualTo("already_processed");

        List<LoggedRequest> captures = stripe.captureRequests(intent);
        assertThat(captures).hasSize(1);
        assertThat(captures.get(0).getHeader("Idempotency-Key")).isEqualTo(order.id() + ":capture");
        assertThat(stripe.charges(intent)).isEqualTo(1);
        assertThat(engine.ledgerEntries(order.id(), "CAPTURE")).isEqualTo(1);
        assertThat(confirmed.path("payment").path("capturedMinor").asLong())
                .isEqualTo(confirmed.path("totals").path("totalMinor").asLong());
        assertThat(confirmed.path("payment").path("last4").asText()).isEqualTo("4242");
        assertThat(confirmed.path("payment").path("captureReference").asText())
                .isEqualTo(stripe.intent(intent).chargeId);
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.onHand("ST-PAY") == 8 && engine.available("ST-PAY") == 8);
        assertThat(engine.stored(order.id()).path("status").asText()).isEqualTo("CONFIRMED");
        System.out.printf(
                "[stripe e2e] authorized twice at once + succeeded twice: capture requests=%d (keys %s), "
                        + "charges at Stripe=%d, ledger captures=%d, deliveries of the authorization=%d, of succeeded=%d%n",
                captures.size(),
                keys(captures),
                stripe.charges(intent),
                engine.ledgerEntries(order.id(), "CAPTURE"),
                engine.deliveries("stripe", eventIdOf(authorized)),
                engine.deliveries("stripe", succeededId));
    }

    @Test
    void refundsAreRecordedOnceWhetherTheEngineOrTheDashboardMadeThemAndHowEverOftenStripeReportsThem()
            throws Exception {
        Placed order = engine.checkout("ST-REFUND", 1, "stripe");
        String intent = pay(order);
        int refundRequestsBefore = stripe.refundRequests().size();

        assertThat(engine.refund(order.id(), 500, "scratched").status()).isEqualTo(202);
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> "PARTIALLY_REFUNDED"
                        .equals(engine.stored(order.id()).path("paymentStatus").asText()));
        String refundedByEngine = stripe.chargeEvent(newEventId(), "charge.refunded", intent);
        assertThat(PaymentsEngine.concurrently(2, () -> deliver(refundedByEngine)))
                .allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(deliver(refundedByEngine).text("result")).isEqualTo("already_processed");

        String dashboardRefund = stripe.refundInDashboard(intent, 300);
        String refundedInDashboard = stripe.chargeEvent(newEventId(), "charge.refunded", intent);
        assertThat(deliver(refundedInDashboard).text("result")).isEqualTo("processed");
        assertThat(deliver(refundedInDashboard).text("result")).isEqualTo("already_processed");

        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.stored(order.id())
                                .path("payment")
                                .path("refundedMinor")
                                .asLong()
                        == 800);
        List<LoggedRequest> refundRequests = stripe.refundRequests()
                .subList(refundRequestsBefore, stripe.refundRequests().size());
        assertThat(refundRequests)
                .singleElement()
                .satisfies(request ->
                        assertThat(request.getHeader("Idempotency-Key")).startsWith(order.id() + ":refund:"));
        assertThat(engine.ledgerEntries(order.id(), "REFUND")).isEqualTo(2);
        assertThat(stripe.intent(intent).refunds).hasSize(2);
        assertThat(engine.stored(order.id()).path("paymentStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(engine.stored(order.id())
                        .path("payment")
                        .path("refundedMinor")
                        .asLong())
                .isEqualTo(800);
        System.out.printf(
                "[stripe e2e] refunds: engine refund requests=%d (key %s), refunds at Stripe=%d (dashboard %s), "
                        + "ledger refunds=%d, refunded=%d, charge.refunded deliveries=%d+%d%n",
                refundRequests.size(),
                keys(refundRequests),
                stripe.intent(intent).refunds.size(),
                dashboardRefund,
                engine.ledgerEntries(order.id(), "REFUND"),
                engine.stored(order.id()).path("payment").path("refundedMinor").asLong(),
                engine.deliveries("stripe", eventIdOf(refundedByEngine)),
                engine.deliveries("stripe", eventIdOf(refundedInDashboard)));
    }

    @Test
    void aPaymentCapturedInTheDashboardReportedBeforeItsAuthorizationConfirmsTheOrderWithoutASecondCharge() {
        Placed order = engine.checkout("ST-ORDER", 1, "stripe");
        String intent = engine.paymentReference(order.id());
        stripe.customerConfirms(intent);
        stripe.captureInDashboard(intent);

        String succeeded = stripe.intentEvent(newEventId(), "payment_intent.succeeded", intent);
        assertThat(deliver(succeeded).text("result")).isEqualTo("processed");
        engine.awaitStored(order.id(), "CONFIRMED", "PAID");
        String lateAuthorization = stripe.intentEvent(newEventId(), "payment_intent.amount_capturable_updated", intent);
        assertThat(deliver(lateAuthorization).status()).isEqualTo(200);
        assertThat(deliver(succeeded).text("result")).isEqualTo("already_processed");
        assertThat(deliver(lateAuthorization).text("result")).isEqualTo("already_processed");

        await().atMost(PaymentsEngine.PATIENCE).until(() -> engine.onHand("ST-ORDER") == 9);
        List<LoggedRequest> captures = stripe.captureRequests(intent);
        assertThat(captures)
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(c -> assertThat(c.getHeader("Idempotency-Key")).isEqualTo(order.id() + ":capture"));
        assertThat(stripe.charges(intent)).isEqualTo(1);
        assertThat(engine.ledgerEntries(order.id(), "CAPTURE")).isEqualTo(1);
        assertThat(engine.stored(order.id()).path("status").asText()).isEqualTo("CONFIRMED");
        System.out.printf(
                "[stripe e2e] out of order (succeeded before amount_capturable_updated): engine capture requests=%d, "
                        + "charges at Stripe=%d, ledger captures=%d%n",
                captures.size(), stripe.charges(intent), engine.ledgerEntries(order.id(), "CAPTURE"));
    }

    @Test
    void aForgedSignatureOrAnOldTimestampIsRefusedWith400AndChangesNothing() {
        Placed order = engine.checkout("ST-FORGED", 1, "stripe");
        String intent = pay(order);
        JsonNode before = engine.stored(order.id());

        String forgedId = newEventId();
        String dispute = stripe.disputeEvent(forgedId, intent, "fraudulent");
        Reply forged = engine.webhook(
                "stripe",
                dispute,
                Map.of("Stripe-Signature", StripeSignatures.header(dispute, "whsec_not_the_secret", Instant.now())));
        String tampered = dispute.replace("fraudulent", "duplicate");
        Reply bodyChanged = engine.webhook(
                "stripe",
                tampered,
                Map.of("Stripe-Signature", StripeSignatures.header(dispute, WEBHOOK_SECRET, Instant.now())));
        Reply old = engine.webhook(
                "stripe",
                dispute,
                Map.of(
                        "Stripe-Signature",
                        StripeSignatures.header(
                                dispute, WEBHOOK_SECRET, Instant.now().minusSeconds(301))));
        Reply unsigned = engine.webhook("stripe", dispute, Map.of());

        for (Reply reply : List.of(forged, bodyChanged, old, unsigned)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("type")).isEqualTo("urn:order-engine:problem:invalid-signature");
        }
        assertThat(engine.deliveries("stripe", forgedId)).isZero();
        assertThat(engine.stored(order.id()).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(engine.stored(order.id()).path("statusHistory")).isEqualTo(before.path("statusHistory"));
        assertThat(engine.ledgerEntries(order.id(), "CAPTURE")).isEqualTo(1);
        System.out.printf(
                "[stripe e2e] forged=%d, body changed=%d, 301 s old=%d, unsigned=%d; inbox entries=%d, status %s%n",
                forged.status(),
                bodyChanged.status(),
                old.status(),
                unsigned.status(),
                engine.deliveries("stripe", forgedId),
                engine.stored(order.id()).path("status").asText());
    }

    @Test
    void aDisputeMovesThePaidOrderToAttentionOnce() {
        Placed order = engine.checkout("ST-DISPUTE", 1, "stripe");
        String intent = pay(order);

        String dispute = stripe.disputeEvent(newEventId(), intent, "fraudulent");
        assertThat(deliver(dispute).text("result")).isEqualTo("processed");
        assertThat(deliver(dispute).text("result")).isEqualTo("already_processed");

        JsonNode attention = engine.awaitStored(order.id(), "ATTENTION");
        List<JsonNode> flags = java.util.stream.StreamSupport.stream(
                        attention.path("statusHistory").spliterator(), false)
                .filter(change -> "ATTENTION".equals(change.path("to").asText()))
                .toList();
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.path("from").asText()).isEqualTo("CONFIRMED");
            assertThat(flag.path("actor").path("id").asText()).isEqualTo("payment-webhook");
            assertThat(flag.path("note").asText()).contains("disputed").contains("fraudulent");
        });
        assertThat(attention.path("paymentStatus").asText()).isEqualTo("PAID");
        System.out.printf(
                "[stripe e2e] dispute: status=%s, attention entries=%d, deliveries=%d%n",
                attention.path("status").asText(), flags.size(), engine.deliveries("stripe", eventIdOf(dispute)));
    }

    private static String pay(Placed order) {
        return driver.pay(order);
    }

    private static Reply deliver(String event) {
        return driver.deliver(event);
    }

    private static String newEventId() {
        return StripeDriver.newEventId();
    }

    private static String eventIdOf(String event) {
        return StripeDriver.eventIdOf(event);
    }

    private static List<String> keys(List<LoggedRequest> requests) {
        return requests.stream()
                .map(r -> r.getHeader("Idempotency-Key"))
                .distinct()
                .toList();
    }
}
