package io.orderengine.api.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits answer 429 with Retry-After, per client and (for checkout) per customer. */
class RateLimitTest {

    @TempDir
    Path folder;

    @Test
    void checkoutsAndRequestsBeyondTheLimitsAreRefusedWith429() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.rate-limit.enabled", "true");
        properties.put("engine.rate-limit.checkout-per15min", "2");
        properties.put("engine.rate-limit.requests-per-minute", "12");
        try (RunningEngine engine = RunningEngine.start(properties)) {
            EngineClient client = engine.client();
            String erin = client.token("erin", "CUSTOMER");
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++) {
                statuses[i] = client.checkout(EngineClient.checkoutBody("NONE-SUCH", 1, "erin@example.com"), erin)
                        .status();
            }
            assertThat(statuses[0]).isNotEqualTo(429);
            assertThat(statuses[1]).isNotEqualTo(429);
            assertThat(statuses[2]).isEqualTo(429);

            String frank = client.token("frank", "CUSTOMER");
            Reply limited = null;
            for (int i = 0; i < 13 && limited == null; i++) {
                Reply reply = client.get("/api/v1/orders", frank);
                if (reply.status() == 429) {
                    limited = reply;
                }
            }
            assertThat(limited)
                    .as("the 13th request within a minute is refused")
                    .isNotNull();
            assertThat(limited.headers().get("retry-after")).isNotEmpty();
            assertThat(limited.body().path("type").asText()).isEqualTo("urn:order-engine:problem:rate-limited");
            assertThat(client.get("/api/v1/orders", erin).status()).isEqualTo(200);
        }
    }
}
