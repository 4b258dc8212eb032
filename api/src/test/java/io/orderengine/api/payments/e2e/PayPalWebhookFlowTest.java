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
import io.orderengine.testkit.gateways.PayPalEmulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PayPal end to end: the whole engine with the PayPal checkout SDK pointed at a PayPal emulator on WireMock, and
 * webhooks verified by that PayPal ({@code verify-webhook-signature}). Events are delivered twice, at once and out of
 * order; the tests count what PayPal was asked and did and what the ledger recorded.
 */
class PayPalWebhookFlowTest {

    @TempDir
    static Path folder;

    static PayPalEmulator paypal;
    static PaymentsEngine engine;

    @BeforeAll
    static void start() {
        paypal = new PayPalEmulator();
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.payments.paypal.client-id", "AeE2eClientId");
        properties.put("engine.payments.paypal.client-secret", "EE2eClientSecret");
        properties.put("engine.payments.paypal.webhook-id", PayPalEmulator.WEBHOOK_ID);
        properties.put("engine.payments.paypal.base-url", paypal.baseUrl());
        engine = PaymentsEngine.start(properties);
        engine.registerSkus(10, "PP-APPROVE", "PP-PAY", "PP-REFUND", "PP-ORDER", "PP-FORGED");
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        paypal.shutdown();
    }

    @Test
    void aPayPalCheckoutWaitsForTheBuyerAtPayPalsApproveLink() {
        Placed order = engine.checkout("PP-APPROVE", 1, "paypal");
        String paypalOrder = engine.paymentReference(order.id());

        JsonNode shown = engine.asCustomer(order);
        assertThat(shown.path("payment").path("action").path("type").asText()).isEqualTo("paypal");
        assertThat(shown.path("payment").path("action").path("url").asText())
                .endsWith("checkoutnow?token=" + paypalOrder);
        List<LoggedRequest> creates =
                paypal.server().findAll(postRequestedFor(urlPathEqualTo("/v2/checkout/orders"))).stream()
                        .filter(r -> r.getBodyAsString().contains(order.id()))
                        .toList();
        assertThat(creates).singleElement().satisfies(create -> {
            assertThat(create.getHeader("PayPal-Request-Id")).isEqualTo(order.id() + ":authorize");
            assertThat(create.getBodyAsString()).contains("\"intent\":\"AUTHORIZE\"");
        });
        assertThat(paypal.order(paypalOrder).engineOrderId).isEqualTo(order.id());
        System.out.printf(
                "[paypal e2e] checkout: action %s, create requests=%d (request id %s)%n",
                shown.path("payment").path("action").path("url").asText(),
                creates.size(),
                creates.get(0).getHeader("PayPal-Request-Id"));
    }

    @Test
    void anApprovalDeliveredTwiceAtOnceIsCapturedOnceAndTheCaptureReportedTwiceChangesNothing() throws Exception {
        Placed order = engine.checkout("PP-PAY", 2, "paypal");
        String paypalOrder = engine.paymentReference(order.id());
        paypal.buyerApproves(paypalOrder);

        String approved = paypal.orderApprovedEvent(newEventId(), paypalOrder);
        List<Reply> replies = PaymentsEngine.concurrently(2, () -> deliver(approved));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text("result")).isIn("processed", "already_processed");
        });
        JsonNode confirmed = engine.awaitStored(order.id(), "CONFIRMED", "PAID");
        String completedId = newEventId();
        String completed = paypal.captureCompletedEvent(completedId, paypalOrder);
        assertThat(deliver(completed).text("result")).isEqualTo("processed");
        assertThat(deliver(completed).text("result")).isEqualTo("already_processed");
        assertThat(deliver(approved).text("result")).isEqualTo("already_processed");

        PayPalEmulator.PayPalOrder atPayPal = paypal.order(paypalOrder);
        List<LoggedRequest> captures = capturesOf(atPayPal);
        List<LoggedRequest> authorizations = paypal.server()
                .findAll(postRequestedFor(urlPathEqualTo("/v2/checkout/orders/" + paypalOrder + "/authorize")));
        assertThat(authorizations)
                .singleElement()
                .satisfies(
                        a -> assertThat(a.getHeader("PayPal-Request-Id")).isEqualTo(order.id() + ":capture:authorize"));
        assertThat(captures)
                .singleElement()
                .satisfies(c -> assertThat(c.getHeader("PayPal-Request-Id")).isEqualTo(order.id() + ":capture"));
        assertThat(atPayPal.captures).isEqualTo(1);
        assertThat(engine.ledgerEntries(order.id(), "CAPTURE")).isEqualTo(1);
        assertThat(confirmed.path("payment").path("captureReference").asText()).isEqualTo(atPayPal.captureId);
        assertThat(confirmed.path("payment").path("capturedMinor").asLong())
                .isEqualTo(confirmed.path("totals").path("totalMinor").asLong());
        await().atMost(PaymentsEngine.PATIENCE).until(() -> engine.onHand("PP-PAY") == 8);
        System.out.printf(
                "[paypal e2e] approved twice at once + capture completed twice: authorize requests=%d, capture requests=%d "
                        + "(request ids %s), captures at PayPal=%d, ledger captures=%d, deliveries=%d/%d%n",
                authorizations.size(),
                captures.size(),
                captures.stream().map(c -> c.getHeader("PayPal-Request-Id")).toList(),
                atPayPal.captures,
                engine.ledgerEntries(order.id(), "CAPTURE"),
                engine.deliveries("paypal", eventIdOf(approved)),
                engine.deliveries("paypal", completedId));
    }

    @Test
    void refundsReportedTwiceAreRecordedOnceWhetherTheEngineOrTheDashboardMadeThem() {
        Placed order = engine.checkout("PP-REFUND", 1, "paypal");
        String paypalOrder = pay(order);
        int refundRequestsBefore = paypal.refundRequests().size();

        assertThat(engine.refund(order.id(), 500, "late delivery").status()).isEqualTo(202);
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.stored(order.id())
                                .path("payment")
                                .path("refundedMinor")
                                .asLong()
                        == 500);
        String engineRefund = paypal.latestRefund(paypalOrder);
        String refundedByEngine = paypal.captureRefundedEvent(newEventId(), paypalOrder, engineRefund);
        assertThat(deliver(refundedByEngine).text("result")).isEqualTo("processed");
        assertThat(deliver(refundedByEngine).text("result")).isEqualTo("already_processed");

        String dashboardRefund = paypal.refundInDashboard(paypalOrder, "3.00");
        String refundedInDashboard = paypal.captureRefundedEvent(newEventId(), paypalOrder, dashboardRefund);
        assertThat(deliver(refundedInDashboard).text("result")).isEqualTo("processed");
        assertThat(deliver(refundedInDashboard).text("result")).isEqualTo("already_processed");

        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.stored(order.id())
                                .path("payment")
                                .path("refundedMinor")
                                .asLong()
                        == 800);
        List<LoggedRequest> refundRequests = paypal.refundRequests()
                .subList(refundRequestsBefore, paypal.refundRequests().size());
        assertThat(refundRequests)
                .singleElement()
                .satisfies(r -> assertThat(r.getHeader("PayPal-Request-Id")).startsWith(order.id() + ":refund:"));
        assertThat(engine.ledgerEntries(order.id(), "REFUND")).isEqualTo(2);
        assertThat(paypal.order(paypalOrder).refunds).hasSize(2);
        assertThat(engine.stored(order.id()).path("paymentStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
        System.out.printf(
                "[paypal e2e] refunds: engine refund requests=%d, refunds at PayPal=%d, ledger refunds=%d, refunded=%d%n",
                refundRequests.size(),
                paypal.order(paypalOrder).refunds.size(),
                engine.ledgerEntries(order.id(), "REFUND"),
                engine.stored(order.id()).path("payment").path("refundedMinor").asLong());
    }

    @Test
    void eventsOutOfOrderAreRetriedUntilTheyFitAndNeverChargeTwice() {
        Placed order = engine.checkout("PP-ORDER", 1, "paypal");
        String paypalOrder = engine.paymentReference(order.id());
        paypal.buyerApproves(paypalOrder);
        paypal.captureOutsideEngine(paypalOrder);
        String refund = paypal.refundInDashboard(paypalOrder, "2.50");

        String refundedId = newEventId();
        String refunded = paypal.captureRefundedEvent(refundedId, paypalOrder, refund);
        Reply tooEarly = deliver(refunded);
        assertThat(tooEarly.status()).isEqualTo(500);
        assertThat(engine.inboxStatus("paypal", refundedId)).isEqualTo("FAILED");

        assertThat(deliver(paypal.captureCompletedEvent(newEventId(), paypalOrder))
                        .text("result"))
                .isEqualTo("processed");
        engine.awaitStored(order.id(), "CONFIRMED", "PAID");
        assertThat(deliver(refunded).text("result")).isEqualTo("processed");
        assertThat(deliver(paypal.orderApprovedEvent(newEventId(), paypalOrder)).status())
                .isEqualTo(200);
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.stored(order.id())
                                .path("payment")
                                .path("refundedMinor")
                                .asLong()
                        == 250);
        await().atMost(PaymentsEngine.PATIENCE).until(() -> engine.onHand("PP-ORDER") == 9);

        PayPalEmulator.PayPalOrder atPayPal = paypal.order(paypalOrder);
        assertThat(capturesOf(atPayPal)).isEmpty();
        assertThat(atPayPal.captures).isEqualTo(1);
        assertThat(engine.ledgerEntries(order.id(), "CAPTURE")).isEqualTo(1);
        assertThat(engine.ledgerEntries(order.id(), "REFUND")).isEqualTo(1);
        assertThat(engine.stored(order.id()).path("status").asText()).isEqualTo("CONFIRMED");
        System.out.printf(
                "[paypal e2e] out of order (refund before capture, approval last): first refund delivery=%d then %s, "
                        + "engine capture requests=%d, captures at PayPal=%d, ledger captures=%d refunds=%d, refund deliveries=%d%n",
                tooEarly.status(),
                engine.inboxStatus("paypal", refundedId),
                capturesOf(atPayPal).size(),
                atPayPal.captures,
                engine.ledgerEntries(order.id(), "CAPTURE"),
                engine.ledgerEntries(order.id(), "REFUND"),
                engine.deliveries("paypal", refundedId));
    }

    @Test
    void aDeliveryPayPalDoesNotVouchForIsRefusedWith400AndChangesNothing() {
        Placed order = engine.checkout("PP-FORGED", 1, "paypal");
        String paypalOrder = engine.paymentReference(order.id());
        paypal.buyerApproves(paypalOrder);

        String forgedId = newEventId();
        String approved = paypal.orderApprovedEvent(forgedId, paypalOrder);
        Reply forged = engine.webhook("paypal", approved, PayPalEmulator.transmission(approved, true));
        Reply tampered = engine.webhook(
                "paypal",
                approved.replace("\"APPROVED\"", "\"COMPLETED\""),
                PayPalEmulator.transmission(approved, false));
        Reply missingHeaders = engine.webhook("paypal", approved, Map.of());

        for (Reply reply : List.of(forged, tampered, missingHeaders)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("type")).isEqualTo("urn:order-engine:problem:invalid-signature");
        }
        assertThat(engine.deliveries("paypal", forgedId)).isZero();
        assertThat(engine.stored(order.id()).path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(engine.stored(order.id()).path("paymentStatus").asText()).isEqualTo("PENDING");
        System.out.printf(
                "[paypal e2e] forged=%d, tampered=%d, no transmission headers=%d; inbox entries=%d, status %s%n",
                forged.status(),
                tampered.status(),
                missingHeaders.status(),
                engine.deliveries("paypal", forgedId),
                engine.stored(order.id()).path("status").asText());
    }

    /** The buyer approves at PayPal and PayPal reports it; the engine authorizes and captures. Returns the PayPal order. */
    private static String pay(Placed order) {
        String paypalOrder = engine.paymentReference(order.id());
        paypal.buyerApproves(paypalOrder);
        assertThat(deliver(paypal.orderApprovedEvent(newEventId(), paypalOrder)).status())
                .isEqualTo(200);
        engine.awaitStored(order.id(), "CONFIRMED", "PAID");
        return paypalOrder;
    }

    private static List<LoggedRequest> capturesOf(PayPalEmulator.PayPalOrder order) {
        return paypal.captureRequests().stream()
                .filter(r -> r.getUrl().contains("/" + order.authorizationId + "/"))
                .toList();
    }

    private static Reply deliver(String event) {
        return engine.webhook("paypal", event, PayPalEmulator.transmission(event, false));
    }

    private static String newEventId() {
        return "WH-E2E"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase();
    }

    private static String eventIdOf(String event) {
        int start = event.indexOf("\"id\":\"") + 6;
        return event.substring(start, event.indexOf('"', start));
    }
}
