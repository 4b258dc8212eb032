package io.orderengine.api.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-minute limit answers 429 with Retry-After in seconds, per client, and counts every request, valid or not
 * (the checkout quota, which counts only valid checkouts, is in {@code attacks.RateLimitBypassAttackTest}).
 */
class RateLimitTest {

    @TempDir
    Path folder;

    @Test
    void requestsBeyondThePerMinuteLimitAreRefusedWith429ValidOrNot() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.rate-limit.enabled", "true");
        properties.put("engine.rate-limit.requests-per-minute", "12");
        try (RunningEngine engine = RunningEngine.start(properties)) {
            EngineClient client = engine.client();
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
            long retryAfter =
                    Long.parseLong(limited.headers().get("retry-after").get(0));
            assertThat(retryAfter).as("seconds until one request is refilled").isBetween(1L, 60L);
            assertThat(limited.body().path("type").asText()).isEqualTo("urn:order-engine:problem:rate-limited");
            assertThat(limited.text("detail")).isEqualTo("Too many requests; try again in " + retryAfter + " seconds.");

            String gina = client.token("gina", "CUSTOMER");
            for (int i = 0; i < 12; i++) {
                Reply invalid = client.post(
                        "/api/v1/checkout",
                        "{}",
                        gina,
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                assertThat(invalid.status()).isEqualTo(400);
            }
            assertThat(client.get("/api/v1/orders", gina).status())
                    .as("invalid requests count toward the per-minute limit")
                    .isEqualTo(429);

            String erin = client.token("erin", "CUSTOMER");
            assertThat(client.get("/api/v1/orders", erin).status()).isEqualTo(200);
        }
    }
}
