package io.orderengine.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots are taken for both aggregates in the running engine (they are registered by hand, not as Spring
 * stereotypes, so Axon's Spring snapshotter must be told how to make them), and an aggregate loaded from its
 * snapshot plus the events after it decides as one replayed from the start: with the SKU cache off, the fifth
 * one-unit order for four units on hand is refused.
 */
class AggregateSnapshotTest {

    private static final String SKU = "SNAP-MUG";

    @TempDir
    Path folder;

    @Test
    void skusAndOrdersAreSnapshottedAndALoadFromTheSnapshotKeepsTheStockRules() {
        Map<String, Object> properties = new HashMap<>(TestStore.fresh(folder));
        properties.put("engine.aggregates.cache", "false");
        properties.put("engine.aggregates.sku-snapshot-threshold", "2");
        properties.put("engine.aggregates.order-snapshot-threshold", "2");
        try (RunningEngine engine = RunningEngine.start(properties)) {
            EngineClient client = engine.client();
            String admin = client.token("admin-1", "ADMIN");
            assertThat(client.registerSku(admin, SKU, 900, 4).status()).isEqualTo(204);
            // the checkout takes the lines from the catalogue read model
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.get("/api/v1/admin/skus/" + SKU, admin)
                                    .body()
                                    .path("available")
                                    .asInt()
                            == 4);

            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Reply placed = client.checkout(EngineClient.checkoutBody(SKU, 1, "buyer" + i + "@example.com"), null);
                assertThat(placed.status()).isEqualTo(201);
                String orderId = placed.text("orderId");
                String token = placed.text("guestToken");
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    String status = client.get("/api/v1/orders/" + orderId + "?token=" + token, null)
                            .text("status");
                    return "AWAITING_PAYMENT".equals(status) || "REJECTED".equals(status);
                });
                orders.add(client.get("/api/v1/orders/" + orderId + "?token=" + token, null)
                        .text("status"));
            }

            assertThat(orders)
                    .containsExactly(
                            "AWAITING_PAYMENT", "AWAITING_PAYMENT", "AWAITING_PAYMENT", "AWAITING_PAYMENT", "REJECTED");
            MongoDatabase database = engine.bean(MongoDatabase.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(database.getCollection("event_snapshots").countDocuments(Filters.eq("_id", SKU)))
                        .as("a snapshot of the SKU")
                        .isEqualTo(1);
                assertThat(database.getCollection("event_snapshots").countDocuments(Filters.ne("_id", SKU)))
                        .as("snapshots of orders")
                        .isPositive();
            });
        }
    }
}
