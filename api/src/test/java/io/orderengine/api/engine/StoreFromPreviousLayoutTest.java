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
 * events, snapshots, tracking tokens, saga state and deadlines still load; the waiting checkout carries on (its
 * payment deadline, passed by now, fires and the saga compensates); a new checkout goes through to CONFIRMED.
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
            assertThat(confirmed.body().path("items"))
                    .singleElement()
                    .satisfies(
                            order -> assertThat(order.path("status").asText()).isEqualTo("CONFIRMED"));

            // The guest order was left awaiting payment with a 30-minute payment deadline, long passed by now: the
            // stored deadline is delivered after the restart to the stored saga, which compensates (stock released,
            // order cancelled). Both were written by the previous layout.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Reply waiting = client.get("/api/v1/orders/" + orderId + "?token=" + guestToken, null);
                assertThat(waiting.status()).isEqualTo(200);
                assertThat(waiting.text("orderNumber")).isEqualTo("ORD-20261203-000002");
                assertThat(waiting.text("status")).isEqualTo("CANCELLED");
                assertThat(waiting.body().path("statusHistory").findValuesAsText("note"))
                        .anyMatch(note -> note.contains("payment"));
            });
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.get("/api/v1/admin/skus/DEMO-MUG", admin)
                                    .body()
                                    .path("reserved")
                                    .asInt()
                            == 0);

            Reply stock = client.get("/api/v1/admin/skus/DEMO-MUG", admin);
            assertThat(stock.status()).isEqualTo(200);
            Reply next = client.checkout(EngineClient.checkoutBody("DEMO-MUG", 1, "next@example.com"), null);
            assertThat(next.status()).isEqualTo(201);
            assertThat(next.text("orderNumber"))
                    .startsWith("ORD-")
                    .isNotIn("ORD-20261203-000001", "ORD-20261203-000002");
            String nextPath = "/api/v1/orders/" + next.text("orderId") + "?token=" + next.text("guestToken");
            String[] payUrl = new String[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Reply placed = client.get(nextPath, null);
                payUrl[0] =
                        placed.body().path("payment").path("action").path("url").asText(null);
                return "AWAITING_PAYMENT".equals(placed.text("status")) && payUrl[0] != null;
            });
            assertThat(client.post(payUrl[0], Map.of("outcome", "approve"), null)
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "CONFIRMED".equals(client.get(nextPath, null).text("status")));
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = StoreFromPreviousLayoutTest.class.getResourceAsStream(FIXTURE + name);
        assertThat(stream).as(name).isNotNull();
        return stream;
    }
}
