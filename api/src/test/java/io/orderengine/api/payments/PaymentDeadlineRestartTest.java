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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payment deadline scheduled before a restart still fires after it: the abandoned order, still waiting for payment
 * when the first engine stops, is cancelled by the next one, and not before its deadline.
 */
class PaymentDeadlineRestartTest {

    /**
     * Long enough that the first engine stops well before it falls (placed, seen waiting for payment, closed: a few
     * seconds at most on a loaded machine). It may fall while the next engine starts; that engine delivers it then.
     * The order's status history tells which engine cancelled it. (The first engine's close does not wait for a
     * wake-up planned for the deadline: MongoDeadlineManager drops it at shutdown.)
     */
    private static final Duration PAYMENT_DEADLINE = Duration.ofSeconds(8);

    @TempDir
    Path folder;

    @Test
    void anAbandonedCheckoutIsCancelledByItsDeadlineEvenAcrossARestart() {
        Map<String, Object> store = TestStore.fresh(folder);
        store.put("engine.payments.deadline", PAYMENT_DEADLINE.toSeconds() + "s");
        String path;
        Instant placedAt;
        try (RunningEngine engine = RunningEngine.start(store)) {
            EngineClient client = engine.client();
            String admin = client.token("admin-1", "ADMIN");
            assertThat(client.registerSku(admin, "DEADLINE-MUG", 1000, 5).status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.get("/api/v1/skus", null)
                                    .body()
                                    .path("total")
                                    .asInt()
                            == 1);
            Reply placed = client.checkout(EngineClient.checkoutBody("DEADLINE-MUG", 2, "guest@example.com"), null);
            path = "/api/v1/orders/" + placed.text("orderId") + "?token=" + placed.text("guestToken");
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            "AWAITING_PAYMENT".equals(client.get(path, null).text("status")));
            placedAt = Instant.parse(client.get(path, null).text("placedAt"));
        }
        Instant restarted = Instant.now();
        try (RunningEngine engine = RunningEngine.start(store)) {
            EngineClient client = engine.client();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> "CANCELLED".equals(client.get(path, null).text("status")));
            List<JsonNode> history = new ArrayList<>();
            client.get(path, null).body().path("statusHistory").forEach(history::add);
            JsonNode cancelled = history.get(history.size() - 1);
            assertThat(history.get(history.size() - 2).path("to").asText()).isEqualTo("AWAITING_PAYMENT");
            assertThat(cancelled.path("from").asText()).isEqualTo("AWAITING_PAYMENT");
            assertThat(cancelled.path("note").asText()).startsWith("payment not received within");
            Instant cancelledAt = Instant.parse(cancelled.path("at").asText());
            assertThat(cancelledAt)
                    .as("still awaiting payment after the restart: cancelled by the engine started after it")
                    .isAfter(restarted);
            assertThat(cancelledAt).as("not before its deadline").isAfterOrEqualTo(placedAt.plus(PAYMENT_DEADLINE));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.get("/api/v1/skus", null)
                                    .body()
                                    .path("items")
                                    .get(0)
                                    .path("available")
                                    .asInt()
                            == 5);
        }
    }
}
