package io.orderengine.api.payments;

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

/** A payment deadline scheduled before a restart still fires after it: the abandoned order is cancelled. */
class PaymentDeadlineRestartTest {

    @TempDir
    Path folder;

    @Test
    void anAbandonedCheckoutIsCancelledByItsDeadlineEvenAcrossARestart() {
        Map<String, Object> store = TestStore.fresh(folder);
        store.put("engine.payments.deadline", "PT15S");
        String path;
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
        }
        try (RunningEngine engine = RunningEngine.start(store)) {
            EngineClient client = engine.client();
            assertThat(client.get(path, null).text("status")).isEqualTo("AWAITING_PAYMENT");
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> "CANCELLED".equals(client.get(path, null).text("status")));
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
