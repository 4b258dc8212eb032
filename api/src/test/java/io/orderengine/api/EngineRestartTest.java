package io.orderengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine keeps its data across a restart: SKUs and orders created before it are readable after it, and can
 * still be changed (on the embedded store's file, or on the MongoDB of {@code MONGODB_URI}).
 */
class EngineRestartTest {

    @TempDir
    Path folder;

    @Test
    void ordersPlacedBeforeARestartAreReadableAndChangeableAfterIt() {
        Map<String, Object> store = TestStore.fresh(folder);
        String guestOrderId;
        String guestToken;
        String customerOrderId;
        String orderNumber;

        try (RunningEngine engine = RunningEngine.start(store)) {
            EngineClient client = engine.client();
            String admin = client.token("admin-1", "ADMIN");
            assertThat(client.registerSku(admin, "RESTART-MUG", 1250, 10).status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).until(() -> available(client, "RESTART-MUG") == 10);

            Reply guest = client.checkout(EngineClient.checkoutBody("RESTART-MUG", 2, "guest@example.com"), null);
            assertThat(guest.status()).isEqualTo(201);
            guestOrderId = guest.text("orderId");
            guestToken = guest.text("guestToken");
            orderNumber = guest.text("orderNumber");
            assertThat(orderNumber).matches("ORD-\\d{8}-\\d{6}");

            String alice = client.token("alice", "CUSTOMER");
            Reply customer = client.checkout(EngineClient.checkoutBody("RESTART-MUG", 1, "alice@example.com"), alice);
            assertThat(customer.status()).isEqualTo(201);
            assertThat(customer.body().has("guestToken")).isFalse();
            customerOrderId = customer.text("orderId");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.get("/api/v1/orders/" + guestOrderId + "?token=" + guestToken, null)
                                    .status()
                            == 200);
        }

        try (RunningEngine engine = RunningEngine.start(store)) {
            EngineClient client = engine.client();
            Reply guestRead = client.get("/api/v1/orders/" + guestOrderId + "?token=" + guestToken, null);
            assertThat(guestRead.status()).isEqualTo(200);
            assertThat(guestRead.text("orderNumber")).isEqualTo(orderNumber);
            assertThat(guestRead.body().path("totals").path("subtotalMinor").asLong())
                    .isEqualTo(2500);
            assertThat(guestRead.body().path("lines").get(0).path("sku").asText())
                    .isEqualTo("RESTART-MUG");

            String alice = client.token("alice", "CUSTOMER");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.get("/api/v1/orders/" + customerOrderId, alice)
                                    .status()
                            == 200);
            Reply cancel = client.post(
                    "/api/v1/orders/" + customerOrderId + "/cancel", Map.of("reason", "changed my mind"), alice);
            assertThat(cancel.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "CANCELLED"
                            .equals(client.get("/api/v1/orders/" + customerOrderId, alice)
                                    .text("status")));

            Reply next = client.checkout(EngineClient.checkoutBody("RESTART-MUG", 1, "guest@example.com"), null);
            assertThat(next.status()).isEqualTo(201);
            assertThat(next.text("orderNumber")).isNotEqualTo(orderNumber).startsWith(orderNumber.substring(0, 13));
        }
    }

    private static int available(EngineClient client, String sku) {
        Reply page = client.get("/api/v1/skus?page=0&size=500", null);
        for (var item : page.body().path("items")) {
            if (sku.equals(item.path("sku").asText())) {
                return item.path("available").asInt();
            }
        }
        return -1;
    }
}
