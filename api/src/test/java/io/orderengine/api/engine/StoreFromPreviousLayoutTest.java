package io.orderengine.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by the engine before the modules were restructured (fixtures/store-before-restructure: a confirmed
 * order, and a guest order awaiting payment with its saga and payment deadline pending) opened by this build: stored
 * events, snapshots, tracking tokens, saga state and deadlines still load, and the waiting checkout carries on.
 */
class StoreFromPreviousLayoutTest {

    private static final String FIXTURE = "/fixtures/store-before-restructure/";

    @TempDir
    Path folder;

    @Test
    void opensAStoreWrittenBeforeTheRestructureAndCarriesOnItsWaitingCheckout() throws IOException {
        Assumptions.assumeFalse(TestStore.realMongo(), "the fixture is an embedded store file");
        Path store = folder.resolve("engine.mv");
        try (InputStream gz = new GZIPInputStream(resource("engine.mv.gz"))) {
            Files.copy(gz, store);
        }
        JsonNode awaiting;
        try (InputStream json = resource("awaiting-order.json")) {
            awaiting = new ObjectMapper().readTree(json);
        }
        String orderId = awaiting.path("orderId").asText();
        String guestToken = awaiting.path("guestToken").asText();

        Map<String, Object> properties = new HashMap<>();
        properties.put("engine.store.embedded-path", store.toString());
        properties.put("engine.demo.seed-skus", "false");
        properties.put("engine.rate-limit.enabled", "false");
        properties.put("server.port", "0");
        try (RunningEngine engine = RunningEngine.start(properties)) {
            EngineClient client = engine.client();
            String admin = client.token("root", "ADMIN");

            Reply confirmed = client.get("/api/v1/admin/orders?q=ORD-20261203-000001", admin);
            assertThat(confirmed.status()).isEqualTo(200);
            assertThat(confirmed.body().path("items")).singleElement()
                    .satisfies(order -> assertThat(order.path("status").asText()).isEqualTo("CONFIRMED"));

            Reply waiting = client.get("/api/v1/orders/" + orderId + "?token=" + guestToken, null);
            assertThat(waiting.status()).isEqualTo(200);
            assertThat(waiting.text("status")).isEqualTo("AWAITING_PAYMENT");
            assertThat(waiting.text("orderNumber")).isEqualTo("ORD-20261203-000002");

            Reply sagas = client.get("/api/v1/admin/sagas/" + orderId, admin);
            assertThat(sagas.status()).isEqualTo(200);

            String payUrl = waiting.body().path("payment").path("action").path("url").asText();
            assertThat(client.post(payUrl, Map.of("outcome", "approve"), null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Reply paid = client.get("/api/v1/orders/" + orderId + "?token=" + guestToken, null);
                assertThat(paid.text("status")).isEqualTo("CONFIRMED");
                assertThat(paid.text("paymentStatus")).isEqualTo("PAID");
            });

            Reply stock = client.get("/api/v1/admin/skus/DEMO-MUG", admin);
            assertThat(stock.status()).isEqualTo(200);
            Reply next = client.checkout(EngineClient.checkoutBody("DEMO-MUG", 1, "next@example.com"), null);
            assertThat(next.status()).isEqualTo(201);
            assertThat(next.text("orderNumber")).startsWith("ORD-").isNotIn("ORD-20261203-000001",
                    "ORD-20261203-000002");
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = StoreFromPreviousLayoutTest.class.getResourceAsStream(FIXTURE + name);
        assertThat(stream).as(name).isNotNull();
        return stream;
    }
}
