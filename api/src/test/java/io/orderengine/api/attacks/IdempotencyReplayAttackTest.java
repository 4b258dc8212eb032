package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: a second client sends a guest checkout's Idempotency-Key (and body) and gets the first answer back,
 * guest token included, which opens the order. Now a stored answer is replayed only to the client that made the
 * first request: a guest proves it with the first request's {@code Idempotency-Client-Secret}, a signed-in customer
 * by their subject; anyone else gets 409 without the stored body.
 */
class IdempotencyReplayAttackTest {

    private static final String SECRET_HEADER = "Idempotency-Client-Secret";
    private static final String SKU = "ATK-IDEM";

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        String admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, SKU, 1500, 100).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void anotherClientWithTheSameKeyAndBodyGetsA409WithoutTheGuestToken() {
        Map<String, Object> body = EngineClient.checkoutBody(SKU, 1, "victim@example.com");
        String key = UUID.randomUUID().toString();
        String secret = UUID.randomUUID().toString();
        Reply first =
                client.post("/api/v1/checkout", body, null, Map.of("Idempotency-Key", key, SECRET_HEADER, secret));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String guestToken = first.text("guestToken");

        Reply noProof = client.post("/api/v1/checkout", body, null, Map.of("Idempotency-Key", key));
        Reply wrongProof = client.post(
                "/api/v1/checkout",
                body,
                null,
                Map.of("Idempotency-Key", key, SECRET_HEADER, UUID.randomUUID().toString()));
        Reply otherBody = client.post(
                "/api/v1/checkout",
                EngineClient.checkoutBody(SKU, 2, "attacker@example.com"),
                null,
                Map.of("Idempotency-Key", key));

        for (Reply attack : List.of(noProof, wrongProof, otherBody)) {
            assertThat(attack.status()).as(attack.toString()).isEqualTo(409);
            assertThat(attack.text("type")).isEqualTo("urn:order-engine:problem:idempotency-key-other-client");
            assertThat(attack.body().toString())
                    .doesNotContain(guestToken)
                    .doesNotContain(first.text("orderId"))
                    .doesNotContain(first.text("orderNumber"));
            assertThat(attack.headers()).doesNotContainKey("location");
        }

        Reply retry =
                client.post("/api/v1/checkout", body, null, Map.of("Idempotency-Key", key, SECRET_HEADER, secret));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().get("idempotent-replayed")).containsExactly("true");
    }

    @Test
    void aGuestThatSentNoSecretIsGivenOneAndOnlyThatSecretReplays() {
        Map<String, Object> body = EngineClient.checkoutBody(SKU, 1, "nosecret@example.com");
        String key = UUID.randomUUID().toString();
        Reply first = client.post("/api/v1/checkout", body, null, Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        List<String> given = first.headers().get("idempotency-client-secret");
        assertThat(given).hasSize(1);
        assertThat(given.get(0)).matches("[A-Za-z0-9_-]{32}");

        assertThat(client.post("/api/v1/checkout", body, null, Map.of("Idempotency-Key", key))
                        .status())
                .isEqualTo(409);
        Reply retry = client.post(
                "/api/v1/checkout", body, null, Map.of("Idempotency-Key", key, SECRET_HEADER, given.get(0)));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void aCustomersKeyIsTheirsAlone() {
        String alice = client.token("alice-idem", "CUSTOMER");
        String bob = client.token("bob-idem", "CUSTOMER");
        Map<String, Object> body = EngineClient.checkoutBody(SKU, 1, "alice@example.com");
        String key = UUID.randomUUID().toString();
        Reply first = client.post("/api/v1/checkout", body, alice, Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);

        Reply asBob = client.post("/api/v1/checkout", body, bob, Map.of("Idempotency-Key", key));
        Reply asGuest = client.post("/api/v1/checkout", body, null, Map.of("Idempotency-Key", key));

        assertThat(asBob.headers()).doesNotContainKey("idempotent-replayed");
        assertThat(asBob.text("orderId")).isNotEqualTo(first.text("orderId"));
        assertThat(asGuest.headers()).doesNotContainKey("idempotent-replayed");
        assertThat(asGuest.text("orderId")).isNotEqualTo(first.text("orderId"));
        assertThat(client.get("/api/v1/orders/" + first.text("orderId"), bob).status())
                .isEqualTo(404);

        Reply again = client.post("/api/v1/checkout", body, alice, Map.of("Idempotency-Key", key));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().get("idempotent-replayed")).containsExactly("true");
    }

    @Test
    void aMalformedSecretIsA400Problem() {
        Reply reply = client.post(
                "/api/v1/checkout",
                EngineClient.checkoutBody(SKU, 1, "short@example.com"),
                null,
                Map.of("Idempotency-Key", UUID.randomUUID().toString(), SECRET_HEADER, "short"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("type")).isEqualTo("urn:order-engine:problem:validation");
    }
}
