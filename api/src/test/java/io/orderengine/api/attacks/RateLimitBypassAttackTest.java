package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout quota (here 2 per 15 minutes) against an attacker who wants more checkouts, or wants to spend a
 * victim's: invalid checkouts spend nothing, no spelling of the URL escapes the quota, and a sender who is not a
 * trusted proxy cannot pick another client address with forwarding headers (no proxies are trusted here).
 */
class RateLimitBypassAttackTest {

    private static final String SKU = "BYPASS-MUG";

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.rate-limit.enabled", "true");
        properties.put("engine.rate-limit.checkout-per15min", "2");
        properties.put("engine.rate-limit.requests-per-minute", "1000");
        engine = RunningEngine.start(properties);
        client = engine.client();
        String admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, SKU, 1000, 1000).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        client.get("/api/v1/skus", null).body().path("total").asInt() >= 1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void invalidCheckoutsSpendNoQuotaAndARetriedCheckoutReplaysWithoutSpendingAny() {
        String ivy = client.token("ivy", "CUSTOMER");
        List<Object> invalid = List.of(
                "{}",
                "{}",
                "{}",
                "{}",
                "{}",
                "{\"items\":\"all\"}",
                EngineClient.checkoutBody(SKU, 0, "ivy@example.com"),
                EngineClient.checkoutBody("NO-SUCH-SKU", 1, "ivy@example.com"),
                EngineClient.checkoutBody(SKU, 11, "ivy@example.com"));
        for (Object body : invalid) {
            Reply reply = client.post("/api/v1/checkout", body, ivy, key());
            assertThat(reply.status()).as(String.valueOf(body)).isIn(400, 422);
        }
        Map<String, String> firstKey = key();
        Reply first =
                client.post("/api/v1/checkout", EngineClient.checkoutBody(SKU, 1, "ivy@example.com"), ivy, firstKey);
        assertThat(first.status()).isEqualTo(201);
        assertThat(client.checkout(EngineClient.checkoutBody(SKU, 1, "ivy@example.com"), ivy)
                        .status())
                .isEqualTo(201);

        Reply third = client.checkout(EngineClient.checkoutBody(SKU, 1, "ivy@example.com"), ivy);
        assertThat(third.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(third.headers().get("retry-after").get(0));
        assertThat(retryAfter).as("seconds until the 15-minute window refills").isBetween(1L, 900L);
        assertThat(third.text("detail")).isEqualTo("Too many checkouts; try again in " + retryAfter + " seconds.");

        Reply replay =
                client.post("/api/v1/checkout", EngineClient.checkoutBody(SKU, 1, "ivy@example.com"), ivy, firstKey);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.text("orderId")).isEqualTo(first.text("orderId"));
    }

    @Test
    void noSpellingOfTheCheckoutPathEscapesItsQuota() throws Exception {
        String pat = client.token("pat", "CUSTOMER");
        for (int i = 0; i < 2; i++) {
            assertThat(client.checkout(EngineClient.checkoutBody(SKU, 1, "pat@example.com"), pat)
                            .status())
                    .isEqualTo(201);
        }
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String path : List.of(
                "/api/v1/checkout",
                "/api/v1/%63heckout",
                "/api/v1/%63%68%65%63%6B%6F%75%74",
                "/api/%761/checkout",
                "/api/v1/checkout?x=1",
                "/api/v1/checkout/",
                "/api/v1/checkout;x=1",
                "/api/v1;x=1/checkout",
                "/api/v1/checkout%3Bx=1",
                "/api/v1//checkout",
                "//api/v1/checkout",
                "/api/v1/./checkout",
                "/api/v1/x/../checkout",
                "/api/v1/%2e/checkout",
                "/api/v1/checkout%2F",
                "/api/v1/checkout%20",
                "/api/v1/checkout.json",
                "/API/v1/checkout",
                "/api/v1/Checkout",
                "/api/v1/CHECKOUT")) {
            answers.put(path, postRaw(path, pat));
        }
        System.out.println("After the quota was used up: " + answers);
        assertThat(answers)
                .as("each spelling either reaches the checkout and is limited, or is refused")
                .allSatisfy((path, status) -> assertThat(status).as(path).isIn(400, 404, 405, 429));
        assertThat(answers.get("/api/v1/%63heckout")).isEqualTo(429);
        assertThat(answers.get("/api/%761/checkout")).isEqualTo(429);
        assertThat(answers.get("/api/v1/checkout?x=1")).isEqualTo(429);
    }

    @Test
    void aGuestCannotEscapeItsQuotaWithForwardingHeadersFromAnUntrustedAddress() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(client.post("/api/v1/checkout", "{}", null, key()).status())
                    .isEqualTo(400);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(client.checkout(EngineClient.checkoutBody(SKU, 1, "guest@example.com"), null)
                            .status())
                    .as("five {} bodies spent none of the guests' checkouts")
                    .isEqualTo(201);
        }
        Map<String, Object> body = EngineClient.checkoutBody(SKU, 1, "guest@example.com");
        assertThat(client.post("/api/v1/checkout", body, null, key()).status()).isEqualTo(429);
        for (Map<String, String> spoof : List.of(
                Map.of("X-Forwarded-For", "198.51.100.1"),
                Map.of("X-Forwarded-For", "198.51.100.2, 127.0.0.2"),
                Map.of("Forwarded", "for=198.51.100.3"),
                Map.of("X-Real-IP", "198.51.100.4"),
                Map.of("X-Forwarded-For", "2001:db8::1", "Forwarded", "for=\"[2001:db8::2]\""))) {
            Map<String, String> headers = new LinkedHashMap<>(spoof);
            headers.putAll(key());
            assertThat(client.post("/api/v1/checkout", body, null, headers).status())
                    .as(spoof.toString())
                    .isEqualTo(429);
        }
        assertThat(postRaw("/api/v1/%63heckout", null)).isEqualTo(429);
    }

    private static Map<String, String> key() {
        return Map.of("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** A valid checkout POSTed to {@code path} exactly as written (no normalisation on the client side). */
    private static int postRaw(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(EngineClient.checkoutBody(SKU, 1, "pat@example.com"))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
