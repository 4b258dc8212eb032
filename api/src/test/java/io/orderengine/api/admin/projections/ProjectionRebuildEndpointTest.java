package io.orderengine.api.admin.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilding a projection over the REST API while orders keep arriving: the old collections serve until the rebuilt
 * ones take over, and the rebuilt order details equal, document for document, what the live projection had built
 * from the same events. The replaced generation is kept for an hour here ({@code engine.projections.
 * drop-previous-after}) so the test can compare the two.
 */
class ProjectionRebuildEndpointTest {

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static String admin;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.projections.drop-previous-after", "1h");
        engine = RunningEngine.start(properties);
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "REBUILD-MUG", 900, 1000).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/skus?page=0&size=500", null)
                        .body()
                        .path("items")
                        .findValuesAsText("sku")
                        .contains("REBUILD-MUG"));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String placeOrder(int n) {
        String customer = client.token("customer-" + (n % 3), "CUSTOMER");
        Reply placed = client.checkout(
                EngineClient.checkoutBody("REBUILD-MUG", 1 + n % 4, "customer" + (n % 3) + "@example.com"), customer);
        assertThat(placed.status()).isEqualTo(201);
        if (n % 3 == 0) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.get("/api/v1/orders/" + placed.text("orderId"), customer)
                                    .status()
                            == 200);
            assertThat(client.post(
                                    "/api/v1/orders/" + placed.text("orderId") + "/cancel",
                                    Map.of("reason", "test " + n),
                                    customer)
                            .status())
                    .isEqualTo(202);
        }
        return placed.text("orderId");
    }

    private static JsonNode projection(String name) {
        Reply reply = client.get("/api/v1/admin/projections/" + name, admin);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private static long ordersListed() {
        return client.get("/api/v1/admin/orders?size=1", admin)
                .body()
                .path("total")
                .asLong();
    }

    @Test
    void rebuildsTheOrderDetailWithoutDowntimeIntoTheSameDocuments() throws Exception {
        List<String> placed = new CopyOnWriteArrayList<>();
        for (int n = 0; n < 9; n++) {
            placed.add(placeOrder(n));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ordersListed() == placed.size());
        assertThat(projection("order-detail").path("generation").asInt()).isZero();

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<String> placedDuringRebuild = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> arriving = CompletableFuture.runAsync(() -> {
            for (int n = 100; n < 160 && rebuilding.get(); n++) {
                String orderId = placeOrder(n);
                placed.add(orderId);
                placedDuringRebuild.add(orderId);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !placedDuringRebuild.isEmpty());
        Reply started = client.post("/api/v1/admin/projections/order-detail/rebuild", Map.of(), admin);
        int arrivedBeforeStart = placedDuringRebuild.size();
        long servedWhileRebuilding = ordersListed();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> "DONE"
                        .equals(projection("order-detail")
                                .path("rebuild")
                                .path("state")
                                .asText()));
        int arrivedBeforeDone = placedDuringRebuild.size();
        rebuilding.set(false);
        arriving.get(60, TimeUnit.SECONDS);

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.text("state")).isEqualTo("CATCHING_UP");
        assertThat(started.body().path("generation").asInt()).isEqualTo(1);
        assertThat(started.headers().get("Location")).containsExactly("/api/v1/admin/projections/order-detail");
        assertThat(servedWhileRebuilding).isGreaterThanOrEqualTo(9);
        assertThat(arrivedBeforeDone).isGreaterThan(arrivedBeforeStart);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ordersListed() == placed.size()
                        && projection("order-detail").path("lag").asLong(-1) == 0);

        JsonNode status = projection("order-detail");
        assertThat(status.path("generation").asInt()).isEqualTo(1);
        assertThat(status.path("collections").path("order_details").asText()).isEqualTo("order_details_v1");
        assertThat(status.path("rebuild").path("eventsProcessed").asLong()).isPositive();
        assertThat(status.path("running").asBoolean()).isTrue();

        MongoDatabase database = engine.bean(MongoDatabase.class);
        List<Document> before = database.getCollection("order_details").find().into(new ArrayList<>());
        assertThat(before).hasSizeGreaterThanOrEqualTo(9);
        int compared = 0;
        for (Document old : before) {
            Document rebuilt = database.getCollection("order_details_v1")
                    .find(Filters.eq("_id", old.getString("_id")))
                    .first();
            assertThat(rebuilt).as(old.getString("_id")).isNotNull();
            if (rebuilt.get("appliedSequence").equals(old.get("appliedSequence"))) {
                assertThat(rebuilt).isEqualTo(old);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(9);
        for (String orderId : placed) {
            JsonNode served =
                    client.get("/api/v1/admin/orders/" + orderId, admin).body();
            JsonNode fromEvents = client.get("/api/v1/admin/orders/" + orderId + "?asOf=2100-01-01", admin)
                    .body();
            assertThat(served).as(orderId).isEqualTo(fromEvents);
        }
    }

    @Test
    void listsEveryProjectionWithItsPositionAndRefusesWhatItCannotDo() {
        String customer = client.token("customer-x", "CUSTOMER");

        Reply list = client.get("/api/v1/admin/projections", admin);
        Reply first = client.post("/api/v1/admin/projections/sku-stock/rebuild", Map.of(), admin);
        Reply second = client.post("/api/v1/admin/projections/sku-stock/rebuild", Map.of(), admin);
        Reply unknown = client.post("/api/v1/admin/projections/nonsense/rebuild", Map.of(), admin);
        Reply notAdmin = client.post("/api/v1/admin/projections/sku-stock/rebuild", Map.of(), customer);

        assertThat(list.body().path("projections").findValuesAsText("name"))
                .containsExactly("customer-stats", "discounts", "order-detail", "order-metrics", "sku-stock");
        JsonNode skuStock = list.body().path("projections").get(4);
        assertThat(skuStock.path("running").asBoolean()).isTrue();
        assertThat(skuStock.path("segments").size()).isPositive();
        assertThat(skuStock.path("headPosition").asLong()).isPositive();
        assertThat(skuStock.has("lag")).isTrue();
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("type")).isEqualTo("urn:order-engine:problem:rebuild-in-progress");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notAdmin.status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "DONE"
                        .equals(projection("sku-stock")
                                .path("rebuild")
                                .path("state")
                                .asText()));
        assertThat(client.get("/api/v1/skus?page=0&size=500", null)
                        .body()
                        .path("items")
                        .findValuesAsText("sku"))
                .contains("REBUILD-MUG");
    }
}
