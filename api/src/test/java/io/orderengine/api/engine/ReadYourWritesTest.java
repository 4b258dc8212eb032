package io.orderengine.api.engine;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a 2xx answer says was done is visible to the next request of the same client, with no sleep and no retry in
 * between: each step below reads right after the write that answered.
 */
class ReadYourWritesTest {

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static String admin;
    private static String alice;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        admin = client.token("admin-ryw", "ADMIN");
        alice = client.token("alice-ryw", "CUSTOMER");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aRegisteredSkuIsForSaleAndListedAtOnceAndAPriceChangeIsWhatTheNextCheckoutCharges() {
        for (int i = 0; i < 5; i++) {
            String sku = "RYW-SKU-" + i;
            assertThat(client.registerSku(admin, sku, 1000, 10).status()).isEqualTo(204);

            assertThat(client.get("/api/v1/skus?page=0&size=500", null)
                            .body()
                            .path("items")
                            .findValuesAsText("sku"))
                    .contains(sku);
            Reply placed = client.checkout(EngineClient.checkoutBody(sku, 1, "ryw@example.com"), alice);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);

            Reply patched = client.patch("/api/v1/admin/skus/" + sku, Map.of("priceMinor", 2000 + i), admin);
            assertThat(patched.status()).as(patched.toString()).isEqualTo(204);
            Reply repriced = client.checkout(EngineClient.checkoutBody(sku, 1, "ryw@example.com"), alice);
            assertThat(repriced.status()).isEqualTo(201);
            Reply order = client.get("/api/v1/orders/" + repriced.text("orderId"), alice);
            assertThat(order.body().path("lines").get(0).path("unitPriceMinor").asLong())
                    .isEqualTo(2000 + i);
        }
    }

    @Test
    void anOrderAnswered201IsReadableAndInItsOwnersHistoryAndACancelShowsInTheNextRead() {
        assertThat(client.registerSku(admin, "RYW-MUG", 1000, 100).status()).isEqualTo(204);
        for (int i = 0; i < 5; i++) {
            Reply placed = client.checkout(EngineClient.checkoutBody("RYW-MUG", 1, "ryw@example.com"), alice);
            assertThat(placed.status()).isEqualTo(201);
            String orderId = placed.text("orderId");

            Reply read = client.get("/api/v1/orders/" + orderId, alice);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(client.get("/api/v1/orders?size=100", alice)
                            .body()
                            .path("items")
                            .findValuesAsText("orderId"))
                    .contains(orderId);

            Reply cancelled =
                    client.post("/api/v1/orders/" + orderId + "/cancel", Map.of("reason", "changed mind"), alice);
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
            assertThat(client.get("/api/v1/orders/" + orderId, alice).text("status"))
                    .isEqualTo("CANCELLED");
        }
    }

    @Test
    void aGuestReadsTheOrderRightAfterCheckout() {
        assertThat(client.registerSku(admin, "RYW-POSTER", 1500, 100).status()).isEqualTo(204);
        for (int i = 0; i < 5; i++) {
            Reply placed = client.checkout(EngineClient.checkoutBody("RYW-POSTER", 1, "guest@example.com"), null);
            assertThat(placed.status()).isEqualTo(201);

            Reply read = client.get(
                    "/api/v1/orders/" + placed.text("orderId") + "?token=" + placed.text("guestToken"), null);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
        }
    }

    @Test
    void aPaymentARefundAndAnAdminStatusChangeShowInTheNextRead() {
        assertThat(client.registerSku(admin, "RYW-LAMP", 4000, 100).status()).isEqualTo(204);
        for (int i = 0; i < 3; i++) {
            Reply placed = client.checkout(EngineClient.checkoutBody("RYW-LAMP", 1, "ryw@example.com"), alice);
            assertThat(placed.status()).isEqualTo(201);
            String orderId = placed.text("orderId");
            // the payment step is the saga's (asynchronous by design): wait for it, then every write below is ours
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !client.get("/api/v1/orders/" + orderId, alice)
                            .body()
                            .path("payment")
                            .path("action")
                            .path("url")
                            .asText()
                            .isEmpty());
            String url = client.get("/api/v1/orders/" + orderId, alice)
                    .body()
                    .path("payment")
                    .path("action")
                    .path("url")
                    .asText();
            assertThat(client.post(url, Map.of("outcome", "approve"), null).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "CONFIRMED"
                            .equals(client.get("/api/v1/orders/" + orderId, alice)
                                    .text("status")));

            Reply refund = client.post(
                    "/api/v1/admin/orders/" + orderId + "/refunds",
                    Map.of("amountMinor", 500, "reason", "read your writes"),
                    admin);
            assertThat(refund.status()).as(refund.toString()).isEqualTo(202);
            JsonNode payment =
                    client.get("/api/v1/orders/" + orderId, alice).body().path("payment");
            // pending until the gateway confirms, refunded after: either way the next read shows it
            assertThat(payment.path("refundPendingMinor").asLong()
                            + payment.path("refundedMinor").asLong())
                    .isEqualTo(500);

            for (String status : new String[] {"PROCESSING", "SHIPPED"}) {
                Reply changed = client.post(
                        "/api/v1/admin/orders/" + orderId + "/status",
                        Map.of("status", status, "note", "ryw " + status, "trackingNumber", "TRK-" + i),
                        admin);
                assertThat(changed.status()).as(changed.toString()).isEqualTo(202);
                assertThat(client.get("/api/v1/orders/" + orderId, alice).text("status"))
                        .isEqualTo(status);
                assertThat(client.get("/api/v1/admin/orders?status=" + status + "&size=100", admin)
                                .body()
                                .path("items")
                                .findValuesAsText("orderId"))
                        .contains(orderId);
            }
        }
    }
}
