package io.orderengine.api.admin.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Order edits over HTTP on paid orders: a dry run compared with the committed edit, stock taken and given back, a
 * higher total paid through the sandbox balance link (or declined and rolled back), an edit with too little stock
 * refused with nothing changed, an edit after shipping refused. Mugs sell at 10.00 EUR to
 * Tel Aviv (18 % tax, shipping 5.00 below 50.00).
 */
class OrderEditHttpTest {

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static String admin;
    private static String alice;
    private static final Map<String, String> firstPayments = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        admin = client.token("admin-edit", "ADMIN");
        alice = client.token("alice-edit", "CUSTOMER");
        assertThat(client.registerSku(admin, "EDIT-MUG", 1000, 20).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, "EDIT-LAMP", 4000, 10).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, "EDIT-RARE", 500, 1).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aDryRunChangesNothingAndTheCommittedEditDoesWhatItShowed() {
        String orderId = aPaidOrder("EDIT-MUG", 3);
        JsonNode before = order(orderId);
        int mugsAvailable = available("EDIT-MUG");
        Map<String, Object> changes = Map.of(
                "changes",
                List.of(Map.of("type", "set_quantity", "sku", "EDIT-MUG", "quantity", 2)),
                "note",
                "customer called");

        Reply dryRun = edit(orderId, with(changes, true), null);
        assertThat(dryRun.status()).as(dryRun.toString()).isEqualTo(200);
        assertThat(dryRun.body().path("version").asInt()).isEqualTo(2);
        assertThat(dryRun.body().path("editId").isNull()
                        || dryRun.body().path("editId").isMissingNode())
                .isTrue();
        assertThat(order(orderId).path("totals")).isEqualTo(before.path("totals"));
        assertThat(available("EDIT-MUG")).isEqualTo(mugsAvailable);

        Reply committed = edit(orderId, with(changes, false), "edit-key-1");
        assertThat(committed.status()).as(committed.toString()).isEqualTo(201);
        assertThat(committed.text("editId")).startsWith("ed-");
        for (String field : List.of("version", "before", "after", "balanceMinor", "lines", "shortages")) {
            assertThat(committed.body().path(field))
                    .as(field)
                    .isEqualTo(dryRun.body().path(field));
        }
        // 3 × 10.00 + 5.00 = 35.00 + 18 % = 41.30; 2 × 10.00 + 5.00 = 25.00 + 18 % = 29.50
        assertThat(committed.body().path("before").path("totalMinor").asLong()).isEqualTo(4130);
        assertThat(committed.body().path("after").path("totalMinor").asLong()).isEqualTo(2950);
        assertThat(committed.body().path("balanceMinor").asLong()).isEqualTo(-1180);
        assertThat(available("EDIT-MUG")).isEqualTo(mugsAvailable + 1);

        Reply retried = edit(orderId, with(changes, false), "edit-key-1");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.text("editId")).isEqualTo(committed.text("editId"));
        assertThat(available("EDIT-MUG")).isEqualTo(mugsAvailable + 1);
    }

    @Test
    void theOrderShowsItsVersionAndEditsAndEachVersionReadsBackFromTheEvents() {
        String orderId = aPaidOrder("EDIT-MUG", 3);
        Reply committed = edit(
                orderId,
                Map.of(
                        "changes",
                        List.of(Map.of("type", "set_quantity", "sku", "EDIT-MUG", "quantity", 2)),
                        "note",
                        "customer called"),
                null);
        assertThat(committed.status()).as(committed.toString()).isEqualTo(201);

        JsonNode order = order(orderId);
        assertThat(order.path("version").asInt()).isEqualTo(2);
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(order.path("totals").path("totalMinor").asLong()).isEqualTo(2950);
        JsonNode edit = order.path("edits").get(0);
        assertThat(edit.path("editId").asText()).isEqualTo(committed.text("editId"));
        assertThat(edit.path("version").asInt()).isEqualTo(2);
        assertThat(edit.path("note").asText()).isEqualTo("customer called");
        assertThat(edit.path("balanceMinor").asLong()).isEqualTo(-1180);
        assertThat(edit.path("actor").path("type").asText()).isEqualTo("admin");
        assertThat(edit.path("changes").get(0).path("type").asText()).isEqualTo("set_quantity");
        await().atMost(Duration.ofSeconds(120))
                .until(() -> "SETTLED"
                        .equals(order(orderId)
                                .path("edits")
                                .get(0)
                                .path("status")
                                .asText()));
        assertThat(order(orderId).path("payment").path("refundedMinor").asLong())
                .isEqualTo(1180);

        JsonNode placed = client.get("/api/v1/admin/orders/" + orderId + "/versions/1", admin)
                .body();
        assertThat(placed.path("version").asInt()).isEqualTo(1);
        assertThat(placed.path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(placed.path("totals").path("totalMinor").asLong()).isEqualTo(4130);
        assertThat(placed.path("status").asText()).isEqualTo("CONFIRMED");
        JsonNode edited = client.get("/api/v1/admin/orders/" + orderId + "/versions/2", admin)
                .body();
        assertThat(edited.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(edited.path("totals").path("totalMinor").asLong()).isEqualTo(2950);
        assertThat(client.get("/api/v1/admin/orders/" + orderId + "/versions/3", admin)
                        .status())
                .isEqualTo(404);
        assertThat(client.get("/api/v1/admin/orders/" + orderId + "/versions/x", admin)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aLowerTotalIsRefundedToTheCentAndAnAddedLineTakesStockAtTodaysPrice() {
        String orderId = aPaidOrder("EDIT-MUG", 5);
        int lampsAvailable = available("EDIT-LAMP");
        int mugsAvailable = available("EDIT-MUG");
        Reply committed = edit(
                orderId,
                Map.of(
                        "changes",
                        List.of(
                                Map.of("type", "remove_line", "sku", "EDIT-MUG"),
                                Map.of("type", "add_line", "sku", "EDIT-LAMP", "quantity", 1))),
                null);
        assertThat(committed.status()).as(committed.toString()).isEqualTo(201);
        JsonNode lamp = committed.body().path("lines").get(1);
        assertThat(lamp.path("sku").asText()).isEqualTo("EDIT-LAMP");
        assertThat(lamp.path("unitPriceMinor").asLong()).isEqualTo(4000);
        assertThat(lamp.path("change").asText()).isEqualTo("added");
        // 5 × 10.00 ships free (from 50.00) + 18 % = 59.00; 40.00 + 5.00 shipping = 45.00 + 18 % = 53.10
        assertThat(committed.body().path("before").path("totalMinor").asLong()).isEqualTo(5900);
        assertThat(committed.body().path("balanceMinor").asLong()).isEqualTo(-590);
        assertThat(available("EDIT-LAMP")).isEqualTo(lampsAvailable - 1);
        assertThat(available("EDIT-MUG")).isEqualTo(mugsAvailable + 5);
        // the refund goes through the checkout saga and the sandbox gateway; the edit is SETTLED once it is recorded
        await().atMost(Duration.ofSeconds(120))
                .until(() -> "SETTLED"
                        .equals(order(orderId)
                                .path("edits")
                                .get(0)
                                .path("status")
                                .asText()));
        JsonNode refunded = order(orderId);
        assertThat(refunded.path("payment").path("refundedMinor").asLong()).isEqualTo(590);
        assertThat(refunded.path("paymentStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
    }

    @Test
    void aHigherTotalIsPaidThroughTheSandboxBalanceLinkAndSettlesTheEdit() {
        String orderId = aPaidOrder("EDIT-MUG", 1);
        String firstPaymentUrl = paymentUrlOf(firstPayments, orderId);
        int lampsAvailable = available("EDIT-LAMP");
        int lampsOnHand = onHand("EDIT-LAMP");
        Reply committed = edit(
                orderId,
                Map.of("changes", List.of(Map.of("type", "add_line", "sku", "EDIT-LAMP", "quantity", 1))),
                null);
        assertThat(committed.status()).as(committed.toString()).isEqualTo(201);
        // 10.00 + 5.00 shipping + 18 % = 17.70; 50.00 ships free + 18 % = 59.00
        assertThat(committed.body().path("balanceMinor").asLong()).isEqualTo(4130);
        assertThat(available("EDIT-LAMP")).isEqualTo(lampsAvailable - 1);

        await().atMost(Duration.ofSeconds(60)).until(() -> !paymentUrl(orderId).isEmpty());
        JsonNode due = order(orderId);
        assertThat(due.path("paymentStatus").asText()).isEqualTo("PARTIALLY_PAID");
        assertThat(due.path("payment").path("action").path("type").asText()).isEqualTo("sandbox");
        String balanceUrl = paymentUrl(orderId);
        assertThat(balanceUrl).startsWith("/api/v1/payments/sandbox/").isNotEqualTo(firstPaymentUrl);
        assertThat(due.path("edits").get(0).path("status").asText()).isEqualTo("AWAITING_BALANCE");
        Reply anotherEdit = edit(
                orderId,
                Map.of("changes", List.of(Map.of("type", "set_quantity", "sku", "EDIT-MUG", "quantity", 2))),
                null);
        assertThat(anotherEdit.status()).as(anotherEdit.toString()).isEqualTo(409);

        assertThat(client.post(balanceUrl, Map.of("outcome", "approve"), null).status())
                .isEqualTo(200);
        // the same approval again is harmless
        assertThat(client.post(balanceUrl, Map.of("outcome", "approve"), null).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "SETTLED"
                        .equals(order(orderId)
                                .path("edits")
                                .get(0)
                                .path("status")
                                .asText()));
        JsonNode paid = order(orderId);
        assertThat(paid.path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(paid.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(paid.path("payment").path("capturedMinor").asLong()).isEqualTo(5900);
        assertThat(paid.path("payment").path("action").isNull()).isTrue();
        assertThat(paid.path("totals").path("totalMinor").asLong()).isEqualTo(5900);
        assertThat(onHand("EDIT-LAMP")).isEqualTo(lampsOnHand - 1);
        assertThat(available("EDIT-LAMP")).isEqualTo(lampsAvailable - 1);
    }

    @Test
    void aDeclinedBalanceRollsTheEditBackWithItsStockAndKeepsThePaidVersion() {
        String orderId = aPaidOrder("EDIT-MUG", 1);
        int lampsAvailable = available("EDIT-LAMP");
        Reply committed = edit(
                orderId,
                Map.of(
                        "changes",
                        List.of(Map.of("type", "add_line", "sku", "EDIT-LAMP", "quantity", 2)),
                        "note",
                        "two lamps"),
                null);
        assertThat(committed.status()).as(committed.toString()).isEqualTo(201);
        assertThat(available("EDIT-LAMP")).isEqualTo(lampsAvailable - 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> !paymentUrl(orderId).isEmpty());
        String balanceUrl = paymentUrl(orderId);

        assertThat(client.post(balanceUrl, Map.of("outcome", "decline"), null).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "ROLLED_BACK"
                        .equals(order(orderId)
                                .path("edits")
                                .get(0)
                                .path("status")
                                .asText()));
        JsonNode rolledBack = order(orderId);
        assertThat(rolledBack.path("version").asInt()).isEqualTo(3);
        assertThat(rolledBack.path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(rolledBack.path("totals").path("totalMinor").asLong()).isEqualTo(1770);
        assertThat(rolledBack.path("lines")).hasSize(1);
        assertThat(rolledBack.path("payment").path("action").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> available("EDIT-LAMP") == lampsAvailable);
        JsonNode version3 = client.get("/api/v1/admin/orders/" + orderId + "/versions/3", admin)
                .body();
        assertThat(version3.path("totals").path("totalMinor").asLong()).isEqualTo(1770);
        assertThat(client.post(balanceUrl, Map.of("outcome", "approve"), null).status())
                .isEqualTo(409);
    }

    @Test
    void aCancellationAfterASettledBalanceRefundsBothPaymentsAndGivesEveryUnitBack() {
        int mugsOnHand = onHand("EDIT-MUG");
        int lampsOnHand = onHand("EDIT-LAMP");
        String orderId = aPaidOrder("EDIT-MUG", 1);
        Reply committed = edit(
                orderId,
                Map.of("changes", List.of(Map.of("type", "add_line", "sku", "EDIT-LAMP", "quantity", 1))),
                null);
        assertThat(committed.status()).as(committed.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> !paymentUrl(orderId).isEmpty());
        assertThat(client.post(paymentUrl(orderId), Map.of("outcome", "approve"), null)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "SETTLED"
                        .equals(order(orderId)
                                .path("edits")
                                .get(0)
                                .path("status")
                                .asText()));

        assertThat(cancel(orderId).status()).isEqualTo(202);

        // 17.70 through the first payment and 41.30 through the balance payment: 59.00 back to the cent
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        "REFUNDED".equals(order(orderId).path("paymentStatus").asText()));
        JsonNode cancelled = order(orderId);
        assertThat(cancelled.path("payment").path("refundedMinor").asLong()).isEqualTo(5900);
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> onHand("EDIT-LAMP") == lampsOnHand && onHand("EDIT-MUG") == mugsOnHand);
    }

    @Test
    void aCancellationWhileTheBalanceIsDueEndsTheEditVoidsItsPaymentAndGivesItsStockBackOnce() {
        int mugsOnHand = onHand("EDIT-MUG");
        int lampsOnHand = onHand("EDIT-LAMP");
        int lampsAvailable = available("EDIT-LAMP");
        String orderId = aPaidOrder("EDIT-MUG", 1);
        Reply committed = edit(
                orderId,
                Map.of("changes", List.of(Map.of("type", "add_line", "sku", "EDIT-LAMP", "quantity", 2))),
                null);
        assertThat(committed.status()).as(committed.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> !paymentUrl(orderId).isEmpty());
        String balanceUrl = paymentUrl(orderId);

        assertThat(cancel(orderId).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> "CANCELLED"
                        .equals(order(orderId)
                                .path("edits")
                                .get(0)
                                .path("status")
                                .asText()));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        "REFUNDED".equals(order(orderId).path("paymentStatus").asText()));
        JsonNode cancelled = order(orderId);
        assertThat(cancelled.path("payment").path("refundedMinor").asLong()).isEqualTo(1770);
        assertThat(cancelled.path("payment").path("action").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> onHand("EDIT-LAMP") == lampsOnHand && onHand("EDIT-MUG") == mugsOnHand);
        assertThat(available("EDIT-LAMP")).isEqualTo(lampsAvailable);
        // the balance payment was voided: it can no longer be paid
        await().atMost(Duration.ofSeconds(60))
                .until(() -> client.post(balanceUrl, Map.of("outcome", "approve"), null)
                                .status()
                        == 409);
    }

    @Test
    void anEditWithTooLittleStockIsRefusedWithTheShortagesAndChangesNothing() {
        String orderId = aPaidOrder("EDIT-MUG", 1);
        int mugsAvailable = available("EDIT-MUG");
        int lampsAvailable = available("EDIT-LAMP");
        Map<String, Object> body = Map.of(
                "changes",
                List.of(
                        Map.of("type", "add_line", "sku", "EDIT-LAMP", "quantity", 1),
                        Map.of("type", "set_quantity", "sku", "EDIT-MUG", "quantity", 2),
                        Map.of("type", "add_line", "sku", "EDIT-RARE", "quantity", 3)));

        Reply dryRun = edit(orderId, with(body, true), null);
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.body().path("shortages").get(0).path("sku").asText()).isEqualTo("EDIT-RARE");

        Reply refused = edit(orderId, body, "edit-key-short");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.headers().get("content-type").get(0)).contains("application/problem+json");
        JsonNode shortage = refused.body().path("shortages").get(0);
        assertThat(shortage.path("sku").asText()).isEqualTo("EDIT-RARE");
        assertThat(shortage.path("requested").asInt()).isEqualTo(3);
        assertThat(shortage.path("available").asInt()).isEqualTo(1);
        assertThat(available("EDIT-MUG")).isEqualTo(mugsAvailable);
        assertThat(available("EDIT-LAMP")).isEqualTo(lampsAvailable);
        assertThat(available("EDIT-RARE")).isEqualTo(1);
        assertThat(edit(orderId, with(body, true), null).body().path("version").asInt())
                .isEqualTo(2);
    }

    @Test
    void anEditAfterShippingIsRefusedNamingTheStatus() {
        String orderId = aPaidOrder("EDIT-MUG", 1);
        Reply shipped = client.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "SHIPPED"), admin);
        if (shipped.status() == 409) {
            assertThat(client.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "PROCESSING"), admin)
                            .status())
                    .isEqualTo(202);
            shipped = client.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "SHIPPED"), admin);
        }
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(202);
        Reply refused = edit(
                orderId,
                Map.of("changes", List.of(Map.of("type", "set_quantity", "sku", "EDIT-MUG", "quantity", 2))),
                null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("SHIPPED");
    }

    @Test
    void anEditToNothingOrOfAnUnknownOrderIsRefused() {
        String orderId = aPaidOrder("EDIT-MUG", 1);
        Reply empty = edit(orderId, Map.of("changes", List.of(Map.of("type", "remove_line", "sku", "EDIT-MUG"))), null);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(422);
        Reply badType = edit(orderId, Map.of("changes", List.of(Map.of("type", "explode", "sku", "EDIT-MUG"))), null);
        assertThat(badType.status()).isEqualTo(400);
        Reply unknown = edit(
                "00000000-0000-4000-8000-000000000999",
                Map.of("changes", List.of(Map.of("type", "remove_line", "sku", "EDIT-MUG"))),
                null);
        assertThat(unknown.status()).isEqualTo(404);
    }

    private static Map<String, Object> with(Map<String, Object> body, boolean dryRun) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put("dryRun", dryRun);
        return copy;
    }

    private static Reply edit(String orderId, Map<String, Object> body, String key) {
        return key == null
                ? client.post("/api/v1/admin/orders/" + orderId + "/edits", body, admin)
                : client.post(
                        "/api/v1/admin/orders/" + orderId + "/edits", body, admin, Map.of("Idempotency-Key", key));
    }

    private static Reply cancel(String orderId) {
        return client.post(
                "/api/v1/admin/orders/" + orderId + "/status",
                Map.of("status", "CANCELLED", "note", "customer called"),
                admin);
    }

    private static JsonNode order(String orderId) {
        return client.get("/api/v1/orders/" + orderId, alice).body();
    }

    private static int onHand(String sku) {
        return client.get("/api/v1/admin/skus/" + sku, admin)
                .body()
                .path("onHand")
                .asInt();
    }

    private static int available(String sku) {
        return client.get("/api/v1/admin/skus/" + sku, admin)
                .body()
                .path("available")
                .asInt();
    }

    /** Checks out {@code quantity} units as Alice and pays through the sandbox; answers the order id once CONFIRMED. */
    static String aPaidOrder(String sku, int quantity) {
        Reply placed = client.checkout(EngineClient.checkoutBody(sku, quantity, "alice@example.com"), alice);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.text("orderId");
        await().atMost(Duration.ofSeconds(60)).until(() -> !paymentUrl(orderId).isEmpty());
        firstPayments.put(orderId, paymentUrl(orderId));
        assertThat(client.post(paymentUrl(orderId), Map.of("outcome", "approve"), null)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "CONFIRMED"
                        .equals(client.get("/api/v1/orders/" + orderId, alice).text("status")));
        return orderId;
    }

    private static String paymentUrlOf(Map<String, String> urls, String orderId) {
        return urls.get(orderId);
    }

    private static String paymentUrl(String orderId) {
        return order(orderId).path("payment").path("action").path("url").asText();
    }
}
