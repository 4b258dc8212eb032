package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: the sandbox payment URL needs no login and its reference was {@code sbx_} + a UUIDv3 of
 * {@code <orderId>:authorize}; order ids are in URLs, Location headers and webhooks, so anyone could compute another
 * customer's payment URL and decline the order. Now the reference is random and stored.
 */
class SandboxLinkGuessingAttackTest {

    private static final String SKU = "ATK-SBX";

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        String admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, SKU, 2000, 20).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aPaymentUrlComputedFromTheOrderIdNoLongerDecidesTheOrder() {
        Reply placed = client.checkout(EngineClient.checkoutBody(SKU, 1, "victim@example.com"), null);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.text("orderId");
        String orderPath = "/api/v1/orders/" + orderId + "?token=" + placed.text("guestToken");
        JsonNode awaiting = awaitOrder(
                orderPath,
                order -> "AWAITING_PAYMENT".equals(order.path("status").asText()));
        String realUrl = awaiting.path("payment").path("action").path("url").asText();

        for (String guess : List.of(
                derived(orderId + ":authorize"),
                derived(orderId + ":authorize:1"),
                "sbx_" + orderId.replace("-", ""))) {
            Reply declined = client.post("/api/v1/payments/sandbox/" + guess, Map.of("outcome", "decline"), null);
            assertThat(declined.status()).as(guess).isEqualTo(404);
            assertThat(declined.body().toString()).doesNotContain(orderId);
        }
        JsonNode untouched = client.get(orderPath, null).body();
        assertThat(untouched.path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(untouched.path("paymentStatus").asText()).isEqualTo("PENDING");

        String reference = realUrl.substring("/api/v1/payments/sandbox/".length());
        assertThat(reference)
                .as("at least 128 random bits, URL-safe")
                .matches("sbx_[A-Za-z0-9_-]{22,}")
                .doesNotContain(orderId)
                .doesNotContain(orderId.replace("-", ""))
                .isNotEqualTo(derived(orderId + ":authorize"));
        assertThat(client.post(realUrl, Map.of("outcome", "approve"), null).status())
                .isEqualTo(200);
        awaitOrder(orderPath, order -> "CONFIRMED".equals(order.path("status").asText()));
    }

    /** The reference the old scheme derived from an idempotency key. */
    private static String derived(String idempotencyKey) {
        return "sbx_"
                + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
    }

    private static JsonNode awaitOrder(String path, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Reply reply = client.get(path, null);
                    seen[0] = reply.body();
                    return reply.status() == 200 && condition.test(reply.body());
                });
        return seen[0];
    }
}
