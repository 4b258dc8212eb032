package io.orderengine.api.payments.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderengine.api.payments.e2e.PaymentsEngine.Placed;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.sandbox.SandboxPaymentGateway;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import io.orderengine.testkit.gateways.StripeEmulator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * The daily reconciliation through the whole engine, on the sandbox gateway and on the Stripe emulator: first a day
 * without differences, then differences planted at each gateway (captured amount changed, refund the ledger never
 * recorded, payment the gateway no longer knows), which the report lists and which flag their orders (or add an admin
 * note to an order that has ended). The schedule runs every 5 s here so the test sees it run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationEngineTest {

    private static final String WEBHOOK_SECRET = StripeDriver.newWebhookSecret();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

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
        properties.put("engine.reconciliation.cron", "*/5 * * * * *");
        engine = PaymentsEngine.start(properties);
        driver = new StripeDriver(engine, stripe, WEBHOOK_SECRET);
        engine.registerSkus(20, "REC-CLEAN", "REC-SANDBOX", "REC-STRIPE");
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
    void aDayWhoseLedgerMatchesBothGatewaysIsCleanAndFlagsNoOrder() {
        Placed sandboxOrder = paidWithSandbox("REC-CLEAN");
        Placed stripeOrder = engine.checkout("REC-CLEAN", 1, "stripe");
        driver.pay(stripeOrder);

        JsonNode report = run(TODAY);

        assertThat(report.path("status").asText()).isEqualTo("CLEAN");
        assertThat(report.path("date").asText()).isEqualTo(TODAY.toString());
        assertThat(report.path("paymentsChecked").asInt()).isEqualTo(2);
        assertThat(report.path("capturesChecked").asInt()).isEqualTo(2);
        assertThat(report.path("refundsChecked").asInt()).isZero();
        assertThat(report.path("differences")).isEmpty();
        assertThat(engine.stored(sandboxOrder.id()).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(engine.stored(stripeOrder.id()).path("status").asText()).isEqualTo("CONFIRMED");
        System.out.printf(
                "[reconciliation e2e] clean day: status=%s, payments=%d, captures=%d, refunds=%d, differences=%d%n",
                report.path("status").asText(),
                report.path("paymentsChecked").asInt(),
                report.path("capturesChecked").asInt(),
                report.path("refundsChecked").asInt(),
                report.path("differences").size());
    }

    @Test
    @Order(2)
    void differencesPlantedInTheSandboxAreReportedAndFlagOrNoteTheirOrders() {
        Placed changedAmount = paidWithSandbox("REC-SANDBOX");
        Placed refundNotRecorded = paidWithSandbox("REC-SANDBOX");
        Placed unknownPayment = paidWithSandbox("REC-SANDBOX");
        assertThat(engine.client()
                        .post(
                                "/api/v1/orders/" + refundNotRecorded.id() + "/cancel?token="
                                        + refundNotRecorded.token(),
                                Map.of("reason", "changed my mind"),
                                null)
                        .status())
                .isEqualTo(202);
        engine.awaitStored(refundNotRecorded.id(), "CANCELLED", "REFUNDED");
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.ledgerEntries(refundNotRecorded.id(), "REFUND") == 1);

        var sandboxPayments = engine.database().getCollection(SandboxPaymentGateway.COLLECTION);
        sandboxPayments.updateOne(Filters.eq("orderId", changedAmount.id()), Updates.inc("capturedMinor", 100L));
        engine.database()
                .getCollection(PaymentLedger.COLLECTION)
                .deleteOne(Filters.and(Filters.eq("orderId", refundNotRecorded.id()), Filters.eq("type", "REFUND")));
        sandboxPayments.deleteOne(Filters.eq("orderId", unknownPayment.id()));

        JsonNode report = run(TODAY);

        assertThat(report.path("status").asText()).isEqualTo("DIFFERENCES");
        assertThat(differencesOf(report, changedAmount.id())).containsExactly("AMOUNT_MISMATCH CAPTURE");
        assertThat(differencesOf(report, refundNotRecorded.id())).containsExactly("MISSING_LOCALLY REFUND");
        assertThat(differencesOf(report, unknownPayment.id())).containsExactly("MISSING_AT_GATEWAY CAPTURE");
        JsonNode amount = differenceOf(report, changedAmount.id());
        assertThat(amount.path("gatewayMinor").asLong())
                .isEqualTo(amount.path("ledgerMinor").asLong() + 100);
        assertThat(amount.path("provider").asText()).isEqualTo("sandbox");

        assertFlaggedByReconciliation(changedAmount.id());
        assertFlaggedByReconciliation(unknownPayment.id());
        assertThat(followUpOf(report, refundNotRecorded.id()).path("action").asText())
                .isEqualTo("NOTED");
        assertThat(followUpOf(report, refundNotRecorded.id()).path("detail").asText())
                .contains("CANCELLED");
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.asAdmin(refundNotRecorded.id())
                                .path("adminNotes")
                                .size()
                        == 1);
        JsonNode note =
                engine.asAdmin(refundNotRecorded.id()).path("adminNotes").get(0);
        assertThat(note.path("actor").path("id").asText()).isEqualTo("reconciliation");
        assertThat(note.path("note").asText()).contains("refund").contains("missing in the ledger");
        assertThat(engine.stored(refundNotRecorded.id()).path("status").asText())
                .isEqualTo("CANCELLED");
        System.out.printf(
                "[reconciliation e2e] sandbox planted: differences=%s, follow-ups=%s%n",
                summary(report, changedAmount.id(), refundNotRecorded.id(), unknownPayment.id()),
                followUps(report, changedAmount.id(), refundNotRecorded.id(), unknownPayment.id()));
    }

    @Test
    @Order(3)
    void differencesPlantedAtStripeAreReportedAndFlagTheirOrders() {
        Placed refundedInDashboard = engine.checkout("REC-STRIPE", 1, "stripe");
        Placed changedAmount = engine.checkout("REC-STRIPE", 1, "stripe");
        Placed forgotten = engine.checkout("REC-STRIPE", 1, "stripe");
        String dashboardIntent = driver.pay(refundedInDashboard);
        String changedIntent = driver.pay(changedAmount);
        String forgottenIntent = driver.pay(forgotten);

        String dashboardRefund = stripe.refundInDashboard(dashboardIntent, 300);
        stripe.plantCapturedAmount(changedIntent, stripe.intent(changedIntent).amountReceived - 50);
        stripe.forget(forgottenIntent);

        JsonNode report = run(TODAY);

        assertThat(differencesOf(report, refundedInDashboard.id())).containsExactly("MISSING_LOCALLY REFUND");
        assertThat(differenceOf(report, refundedInDashboard.id())
                        .path("reference")
                        .asText())
                .isEqualTo(dashboardRefund);
        assertThat(differenceOf(report, refundedInDashboard.id())
                        .path("gatewayMinor")
                        .asLong())
                .isEqualTo(300);
        assertThat(differencesOf(report, changedAmount.id())).containsExactly("AMOUNT_MISMATCH CAPTURE");
        assertThat(differencesOf(report, forgotten.id())).containsExactly("MISSING_AT_GATEWAY CAPTURE");
        for (Placed order : List.of(refundedInDashboard, changedAmount, forgotten)) {
            assertFlaggedByReconciliation(order.id());
            assertThat(followUpOf(report, order.id()).path("action").asText()).isEqualTo("FLAGGED");
        }
        System.out.printf(
                "[reconciliation e2e] stripe planted: differences=%s, retrieve requests=%d%n",
                summary(report, refundedInDashboard.id(), changedAmount.id(), forgotten.id()),
                stripe.server()
                        .findAll(getRequestedFor(urlPathMatching("/v1/payment_intents/.*")))
                        .size());
    }

    @Test
    @Order(4)
    void theReportIsReadableByAdminsAndRunningTheDayAgainFlagsNothingTwice() {
        JsonNode stored = engine.client()
                .get("/api/v1/admin/reconciliation/" + TODAY, engine.admin())
                .body();
        assertThat(stored.path("status").asText()).isEqualTo("DIFFERENCES");
        List<String> flaggedOrders = new ArrayList<>();
        stored.path("followUps").forEach(f -> {
            if ("FLAGGED".equals(f.path("action").asText())) {
                flaggedOrders.add(f.path("orderId").asText());
            }
        });
        List<Long> attentionBefore = flaggedOrders.stream()
                .map(id -> attentionEntries(engine.stored(id)))
                .toList();

        JsonNode again = run(TODAY);

        assertThat(again.path("differences")).isEqualTo(stored.path("differences"));
        assertThat(again.path("followUps"))
                .allSatisfy(f -> assertThat(f.path("repeated").asBoolean()).isTrue());
        assertThat(flaggedOrders.stream()
                        .map(id -> attentionEntries(engine.stored(id)))
                        .toList())
                .isEqualTo(attentionBefore);
        String customer = engine.client().token("reconciliation-customer", "CUSTOMER");
        assertThat(engine.client()
                        .get("/api/v1/admin/reconciliation/" + TODAY, customer)
                        .status())
                .isEqualTo(403);
        assertThat(engine.client()
                        .post("/api/v1/admin/reconciliation/run?date=" + TODAY, "", customer)
                        .status())
                .isEqualTo(403);
        assertThat(engine.client()
                        .get("/api/v1/admin/reconciliation/2001-01-01", engine.admin())
                        .status())
                .isEqualTo(404);
        Reply future =
                engine.client().post("/api/v1/admin/reconciliation/run?date=" + TODAY.plusDays(2), "", engine.admin());
        assertThat(future.status()).isEqualTo(400);
        assertThat(engine.client()
                        .get("/api/v1/admin/reconciliation/yesterday", engine.admin())
                        .status())
                .isEqualTo(400);
        System.out.printf(
                "[reconciliation e2e] rerun: differences=%d (unchanged), follow-ups repeated=%d/%d, "
                        + "ATTENTION entries per flagged order before/after=%s/%s%n",
                again.path("differences").size(),
                StreamSupport.stream(again.path("followUps").spliterator(), false)
                        .filter(f -> f.path("repeated").asBoolean())
                        .count(),
                again.path("followUps").size(),
                attentionBefore,
                flaggedOrders.stream()
                        .map(id -> attentionEntries(engine.stored(id)))
                        .toList());
    }

    @Test
    @Order(5)
    void theScheduleReconcilesYesterdayByItself() {
        LocalDate yesterday = TODAY.minusDays(1);
        await().atMost(PaymentsEngine.PATIENCE)
                .until(() -> engine.client()
                                .get("/api/v1/admin/reconciliation/" + yesterday, engine.admin())
                                .status()
                        == 200);
        JsonNode report = engine.client()
                .get("/api/v1/admin/reconciliation/" + yesterday, engine.admin())
                .body();
        assertThat(report.path("status").asText()).isEqualTo("CLEAN");
        assertThat(report.path("paymentsChecked").asInt()).isZero();
        System.out.printf(
                "[reconciliation e2e] scheduled run for %s: status=%s at %s%n",
                yesterday, report.path("status").asText(), report.path("ranAt").asText());
    }

    private static Placed paidWithSandbox(String sku) {
        Placed order = engine.checkout(sku, 1, "sandbox");
        JsonNode awaiting = engine.awaitStored(order.id(), "AWAITING_PAYMENT");
        Reply approved = engine.client()
                .post(awaiting.path("payment").path("action").path("url").asText(), Map.of("outcome", "approve"), null);
        assertThat(approved.status()).isEqualTo(200);
        engine.awaitStored(order.id(), "CONFIRMED", "PAID");
        return order;
    }

    private static JsonNode run(LocalDate day) {
        Reply reply = engine.client().post("/api/v1/admin/reconciliation/run?date=" + day, "", engine.admin());
        assertThat(reply.status()).as("reconciliation run %s", reply.body()).isEqualTo(200);
        return reply.body();
    }

    private static void assertFlaggedByReconciliation(String orderId) {
        JsonNode order = engine.awaitStored(orderId, "ATTENTION");
        JsonNode flag = StreamSupport.stream(order.path("statusHistory").spliterator(), false)
                .filter(c -> "ATTENTION".equals(c.path("to").asText()))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(flag.path("actor").path("type").asText()).isEqualTo("system");
        assertThat(flag.path("actor").path("id").asText()).isEqualTo("reconciliation");
        assertThat(flag.path("note").asText()).startsWith("reconciliation of " + TODAY + ": ");
    }

    private static long attentionEntries(JsonNode order) {
        return StreamSupport.stream(order.path("statusHistory").spliterator(), false)
                .filter(c -> "ATTENTION".equals(c.path("to").asText()))
                .count();
    }

    private static List<String> differencesOf(JsonNode report, String orderId) {
        return StreamSupport.stream(report.path("differences").spliterator(), false)
                .filter(d -> orderId.equals(d.path("orderId").asText()))
                .map(d -> d.path("kind").asText() + " " + d.path("movement").asText())
                .toList();
    }

    private static JsonNode differenceOf(JsonNode report, String orderId) {
        return StreamSupport.stream(report.path("differences").spliterator(), false)
                .filter(d -> orderId.equals(d.path("orderId").asText()))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode followUpOf(JsonNode report, String orderId) {
        return StreamSupport.stream(report.path("followUps").spliterator(), false)
                .filter(f -> orderId.equals(f.path("orderId").asText()))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> summary(JsonNode report, String... orderIds) {
        List<String> lines = new ArrayList<>();
        for (String id : orderIds) {
            lines.addAll(differencesOf(report, id));
        }
        return lines;
    }

    private static List<String> followUps(JsonNode report, String... orderIds) {
        List<String> lines = new ArrayList<>();
        for (String id : orderIds) {
            lines.add(followUpOf(report, id).path("action").asText());
        }
        return lines;
    }
}
