package io.orderengine.api.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
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
        for (String sku : new String[] {"FLOW-A", "FLOW-B", "FLOW-C", "FLOW-D"}) {
            assertThat(client.registerSku(admin, sku, 1250, 10).status()).isEqualTo(204);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> available("FLOW-D") == 10);
    }

    @AfterAll
    static void stop() {
        engine.close();
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
    void aDeclinedPaymentCancelsTheOrderAndReleasesItsStock() {
        Placed order = place("FLOW-B", 3);
        JsonNode awaiting = awaitStatus(order, "AWAITING_PAYMENT");
        assertThat(available("FLOW-B")).isEqualTo(7);
        client.post(awaiting.path("payment").path("action").path("url").asText(), Map.of("outcome", "decline"), null);
        JsonNode cancelled = awaitStatus(order, "CANCELLED");
        assertThat(cancelled.path("paymentStatus").asText()).isEqualTo("FAILED");
        await().atMost(Duration.ofSeconds(30)).until(() -> available("FLOW-B") == 10 && onHand("FLOW-B") == 10);
    }

    @Test
    void anOrderForMoreThanIsAvailableIsRejectedNamingTheShortSku() {
        Placed order = place("FLOW-C", 11);
        JsonNode rejected = awaitStatus(order, "REJECTED");
        assertThat(rejected.path("shortages").get(0).path("sku").asText()).isEqualTo("FLOW-C");
        assertThat(rejected.path("shortages").get(0).path("available").asInt()).isEqualTo(10);
        assertThat(available("FLOW-C")).isEqualTo(10);
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
