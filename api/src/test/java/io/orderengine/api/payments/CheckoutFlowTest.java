package io.orderengine.api.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.infrastructure.axon.PlacedSagaManager;
import io.orderengine.saga.checkout.CheckoutSaga;
import io.orderengine.saga.discount.DiscountUseSaga;
import io.orderengine.saga.edit.EditBalanceSaga;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole checkouts on the sandbox gateway, driven over HTTP the way the checkout UI and an admin do. */
class CheckoutFlowTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static String admin;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
        for (String sku : new String[] {"FLOW-A", "FLOW-B", "FLOW-D", "FLOW-E", "FLOW-F"}) {
            assertThat(client.registerSku(admin, sku, 1250, 10).status()).isEqualTo(204);
        }
        assertThat(client.registerSku(admin, "FLOW-C", 1250, 5).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> available("FLOW-F") == 10);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void theCheckoutAndDiscountUseSagasAreHandedEachEventInTheirOrdersSegmentOnly() {
        EventProcessingConfiguration processing =
                engine.bean(org.axonframework.config.Configuration.class).eventProcessingConfiguration();

        assertThat(processing.sagaConfiguration(CheckoutSaga.class).manager()).isInstanceOf(PlacedSagaManager.class);
        assertThat(processing.sagaConfiguration(DiscountUseSaga.class).manager())
                .isInstanceOf(PlacedSagaManager.class);
        assertThat(processing.sagaConfiguration(EditBalanceSaga.class).manager())
                .as("associated with an order after it started on an edit: every segment looks")
                .isNotInstanceOf(PlacedSagaManager.class);
    }

    @Test
    void anApprovedSandboxPaymentConfirmsTheOrderAndCommitsItsStock() {
        Placed order = place("FLOW-A", 2);
        JsonNode awaiting = awaitStatus(order, "AWAITING_PAYMENT");
        JsonNode action = awaiting.path("payment").path("action");
        assertThat(action.path("type").asText()).isEqualTo("sandbox");
        assertThat(available("FLOW-A")).isEqualTo(8);

        Reply approved = client.post(action.path("url").asText(), Map.of("outcome", "approve"), null);
        assertThat(approved.status()).isEqualTo(200);
        JsonNode confirmed = awaitStatus(order, "CONFIRMED");
        assertThat(confirmed.path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(confirmed.path("payment").path("capturedMinor").asLong())
                .isEqualTo(confirmed.path("totals").path("totalMinor").asLong());
        assertThat(confirmed.path("payment").path("last4").asText()).hasSize(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> onHand("FLOW-A") == 8 && available("FLOW-A") == 8);

        Reply twice = client.post(action.path("url").asText(), Map.of("outcome", "approve"), null);
        assertThat(twice.status()).isLessThan(500);
        assertThat(client.post(action.path("url").asText(), Map.of("outcome", "decline"), null)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aDeclinedPaymentKeepsTheOrderAndItsStockAndASecondAttemptThatIsApprovedConfirmsIt() {
        Placed order = place("FLOW-B", 3);
        JsonNode awaiting = awaitStatus(order, "AWAITING_PAYMENT");
        assertThat(available("FLOW-B")).isEqualTo(7);
        String firstUrl = awaiting.path("payment").path("action").path("url").asText();
        client.post(firstUrl, Map.of("outcome", "decline"), null);

        JsonNode failed = awaitPaymentStatus(order, "FAILED");
        assertThat(failed.path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(failed.path("payment").path("attempt").asInt()).isEqualTo(1);
        assertThat(failed.path("payment").path("failureReason").asText()).isNotBlank();
        assertThat(available("FLOW-B")).isEqualTo(7);

        String key = UUID.randomUUID().toString();
        Reply retry = startAttempt(order, "sandbox", key);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.text("orderId")).isEqualTo(order.id());
        assertThat(retry.body().path("attempt").asInt()).isEqualTo(2);
        Reply replayed = startAttempt(order, "sandbox", key);
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.body().path("attempt").asInt()).isEqualTo(2);
        assertThat(startAttempt(order, "sandbox", null).status()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode payment = read(order).path("payment");
            return payment.path("attempt").asInt() == 2
                    && !payment.path("action").path("url").asText().isEmpty()
                    && !firstUrl.equals(payment.path("action").path("url").asText());
        });
        String secondUrl =
                read(order).path("payment").path("action").path("url").asText();
        assertThat(client.post(secondUrl, Map.of("outcome", "approve"), null).status())
                .isEqualTo(200);

        JsonNode confirmed = awaitStatus(order, "CONFIRMED");
        assertThat(confirmed.path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(confirmed.path("payment").path("capturedMinor").asLong())
                .isEqualTo(confirmed.path("totals").path("totalMinor").asLong());
        await().atMost(Duration.ofSeconds(30)).until(() -> onHand("FLOW-B") == 7 && available("FLOW-B") == 7);
    }

    @Test
    void afterTheLastAllowedAttemptIsDeclinedTheOrderIsCancelledItsStockReleasedAndNoFurtherAttemptIsAccepted() {
        Placed order = place("FLOW-E", 2);
        awaitStatus(order, "AWAITING_PAYMENT");
        for (int attempt = 1; attempt <= 3; attempt++) {
            int current = attempt;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode now = read(order);
                return now.path("payment").path("attempt").asInt() == current
                        && "PENDING".equals(now.path("paymentStatus").asText())
                        && !now.path("payment")
                                .path("action")
                                .path("url")
                                .asText()
                                .isEmpty();
            });
            client.post(
                    read(order).path("payment").path("action").path("url").asText(),
                    Map.of("outcome", "decline"),
                    null);
            if (attempt < 3) {
                awaitPaymentStatus(order, "FAILED");
                assertThat(startAttempt(order, "sandbox", UUID.randomUUID().toString())
                                .status())
                        .isEqualTo(202);
            }
        }

        JsonNode cancelled = awaitStatus(order, "CANCELLED");
        assertThat(cancelled.path("paymentStatus").asText()).isEqualTo("FAILED");
        await().atMost(Duration.ofSeconds(30)).until(() -> available("FLOW-E") == 10 && onHand("FLOW-E") == 10);

        Reply refused = startAttempt(order, "sandbox", UUID.randomUUID().toString());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).contains("payment-attempt-not-allowed");
        assertThat(client.post(
                                "/api/v1/orders/" + order.id() + "/payment-attempts?token=wrong",
                                Map.of("paymentMethod", "sandbox"),
                                null)
                        .status())
                .isEqualTo(404);
        assertThat(startAttempt(order, "bitcoin", null).status()).isEqualTo(400);
    }

    @Test
    void anOrderForMoreThanIsAvailableIsRejectedNamingTheShortSku() {
        await().atMost(Duration.ofSeconds(30)).until(() -> available("FLOW-C") == 5);
        Placed order = place("FLOW-C", 6);
        JsonNode rejected = awaitStatus(order, "REJECTED");
        assertThat(rejected.path("shortages").get(0).path("sku").asText()).isEqualTo("FLOW-C");
        assertThat(rejected.path("shortages").get(0).path("available").asInt()).isEqualTo(5);
        assertThat(available("FLOW-C")).isEqualTo(5);
    }

    @Test
    void anOrderBeyondTheUnitLimitsIsRefusedNamingTheLimit() {
        Reply perLine = client.checkout(EngineClient.checkoutBody("FLOW-A", 11, "greedy@example.com"), null);
        assertThat(perLine.status()).isEqualTo(422);
        assertThat(perLine.text("type")).contains("order-limit-exceeded");
        assertThat(perLine.text("detail")).contains("max-units-per-line").contains("10");

        Map<String, Object> body = EngineClient.checkoutBody("FLOW-A", 10, "greedy@example.com");
        body.put(
                "items",
                List.of(
                        Map.of("sku", "FLOW-A", "quantity", 10),
                        Map.of("sku", "FLOW-B", "quantity", 10),
                        Map.of("sku", "FLOW-C", "quantity", 10),
                        Map.of("sku", "FLOW-D", "quantity", 10),
                        Map.of("sku", "FLOW-E", "quantity", 10),
                        Map.of("sku", "FLOW-F", "quantity", 1)));
        Reply perOrder = client.checkout(body, null);
        assertThat(perOrder.status()).isEqualTo(422);
        assertThat(perOrder.text("type")).contains("order-limit-exceeded");
        assertThat(perOrder.text("detail")).contains("max-units-per-order").contains("50");
    }

    @Test
    void cancellingAPaidOrderRefundsItAndAPartialRefundComesFirst() {
        Placed order = place("FLOW-D", 2);
        JsonNode awaiting = awaitStatus(order, "AWAITING_PAYMENT");
        client.post(awaiting.path("payment").path("action").path("url").asText(), Map.of("outcome", "approve"), null);
        JsonNode confirmed = awaitStatus(order, "CONFIRMED");
        long total = confirmed.path("totals").path("totalMinor").asLong();

        Reply tooMuch = client.post(
                "/api/v1/admin/orders/" + order.id() + "/refunds",
                Map.of("amountMinor", total + 1, "reason", "too much"),
                admin);
        assertThat(tooMuch.status()).isEqualTo(422);
        Reply partial = client.post(
                "/api/v1/admin/orders/" + order.id() + "/refunds",
                Map.of("amountMinor", 500, "reason", "scratched mug"),
                admin,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(partial.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "PARTIALLY_REFUNDED"
                        .equals(read(order).path("paymentStatus").asText()));

        Reply cancel = client.post(
                "/api/v1/orders/" + order.id() + "/cancel?token=" + order.token(),
                Map.of("reason", "changed my mind"),
                null);
        assertThat(cancel.status()).isEqualTo(202);
        JsonNode cancelled = awaitStatus(order, "CANCELLED");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "REFUNDED".equals(read(order).path("paymentStatus").asText()));
        assertThat(read(order).path("payment").path("refundedMinor").asLong()).isEqualTo(total);
        assertThat(cancelled.path("statusHistory").toString()).contains("changed my mind");
        await().atMost(Duration.ofSeconds(30)).until(() -> onHand("FLOW-D") == 10 && available("FLOW-D") == 10);
    }

    record Placed(String id, String token) {}

    private static Placed place(String sku, int quantity) {
        Reply placed = client.checkout(EngineClient.checkoutBody(sku, quantity, "guest@example.com"), null);
        assertThat(placed.status()).isEqualTo(201);
        return new Placed(placed.text("orderId"), placed.text("guestToken"));
    }

    private static JsonNode read(Placed order) {
        return client.get("/api/v1/orders/" + order.id() + "?token=" + order.token(), null)
                .body();
    }

    private static JsonNode awaitStatus(Placed order, String status) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status.equals(read(order).path("status").asText()));
        return read(order);
    }

    private static JsonNode awaitPaymentStatus(Placed order, String paymentStatus) {
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        paymentStatus.equals(read(order).path("paymentStatus").asText()));
        return read(order);
    }

    private static Reply startAttempt(Placed order, String method, String idempotencyKey) {
        String path = "/api/v1/orders/" + order.id() + "/payment-attempts?token=" + order.token();
        Map<String, String> body = Map.of("paymentMethod", method);
        return idempotencyKey == null
                ? client.post(path, body, null)
                : client.post(path, body, null, Map.of("Idempotency-Key", idempotencyKey));
    }

    private static JsonNode sku(String code) {
        for (JsonNode item :
                client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (code.equals(item.path("sku").asText())) {
                return item;
            }
        }
        return null;
    }

    private static int available(String code) {
        JsonNode sku = sku(code);
        return sku == null ? -1 : sku.path("available").asInt();
    }

    private static int onHand(String code) {
        JsonNode sku = sku(code);
        return sku == null ? -1 : sku.path("onHand").asInt();
    }
}
