package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.attacks.AttackClient.Answer;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: tell someone else's existing order from a missing one by the 404 (issue #17 saw "Order was not found"
 * for one and "Order &lt;id&gt; was not found" for the other), then go after the ones that exist. Every order URL must
 * answer both cases with the same status, the same problem (type, title, detail) and the same headers.
 */
class OrderEnumerationAttackTest {

    /** Headers that differ per request by design. */
    private static final Set<String> PER_REQUEST_HEADERS = Set.of("date", "x-request-id");

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static AttackClient attacker;
    static String alice;
    static String mallory;
    static String aliceOrder;
    static String guestOrder;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        EngineClient client = engine.client();
        attacker = new AttackClient(engine.port());
        String admin = client.token("admin-1", "ADMIN");
        alice = client.token("alice", "CUSTOMER");
        mallory = client.token("mallory", "CUSTOMER");
        assertThat(client.registerSku(admin, "ENUM-1", 1000, 10).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        client.get("/api/v1/skus", null).body().path("items").size() == 1);
        EngineClient.Reply own = client.checkout(EngineClient.checkoutBody("ENUM-1", 1, "alice@example.com"), alice);
        EngineClient.Reply guest = client.checkout(EngineClient.checkoutBody("ENUM-1", 1, "guest@example.com"), null);
        assertThat(own.status()).isEqualTo(201);
        assertThat(guest.status()).isEqualTo(201);
        aliceOrder = own.text("orderId");
        guestOrder = guest.text("orderId");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> attacker.get("/api/v1/orders/" + aliceOrder, alice).status() == 200
                        && attacker.get("/api/v1/orders/" + guestOrder, admin).status() == 200);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void anotherCustomersOrderAndAMissingOrderGetTheSameAnswerOnEveryOrderUrl() {
        String missing = UUID.randomUUID().toString();
        for (String suffix : List.of("", "/invoice", "/stream")) {
            assertSameAnswer(
                    attacker.get("/api/v1/orders/" + aliceOrder + suffix, mallory),
                    attacker.get("/api/v1/orders/" + missing + suffix, mallory),
                    "GET " + suffix);
        }
        assertSameAnswer(
                attacker.post("/api/v1/orders/" + aliceOrder + "/cancel", "{\"reason\":\"mine now\"}", mallory),
                attacker.post("/api/v1/orders/" + missing + "/cancel", "{\"reason\":\"mine now\"}", mallory),
                "cancel");
        assertSameAnswer(
                attacker.post(
                        "/api/v1/orders/" + aliceOrder + "/payment-attempts",
                        "{\"paymentMethod\":\"sandbox\"}",
                        mallory),
                attacker.post(
                        "/api/v1/orders/" + missing + "/payment-attempts", "{\"paymentMethod\":\"sandbox\"}", mallory),
                "payment attempt");
        // the owner still reads it: the 404 above is the access rule, not a broken order
        assertThat(attacker.get("/api/v1/orders/" + aliceOrder, alice).status()).isEqualTo(200);
    }

    @Test
    void aGuestOrderWithoutOrWithAWrongTokenLooksLikeAMissingOrder() {
        String missing = UUID.randomUUID().toString();
        assertSameAnswer(
                attacker.get("/api/v1/orders/" + guestOrder, null),
                attacker.get("/api/v1/orders/" + missing, null),
                "no token");
        String wrong = "?token=" + UUID.randomUUID();
        assertSameAnswer(
                attacker.get("/api/v1/orders/" + guestOrder + wrong, null),
                attacker.get("/api/v1/orders/" + missing + wrong, null),
                "wrong token");
        assertSameAnswer(
                attacker.get("/api/v1/orders/" + guestOrder + "/invoice" + wrong, mallory),
                attacker.get("/api/v1/orders/" + missing + "/invoice" + wrong, mallory),
                "invoice, wrong token");
    }

    @Test
    void aMalformedOrderIdGetsTheSameProblemAsAMissingOne() {
        Answer malformed = attacker.get("/api/v1/orders/not-an-order-id", mallory);
        Answer existing = attacker.get("/api/v1/orders/" + aliceOrder, mallory);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.problemWithoutInstance()).isEqualTo(existing.problemWithoutInstance());
    }

    private static void assertSameAnswer(Answer existing, Answer missing, String what) {
        assertThat(existing.status()).as("%s: %s", what, existing).isEqualTo(404);
        assertThat(missing.status()).as("%s: %s", what, missing).isEqualTo(404);
        assertThat(existing.problemWithoutInstance())
                .as("%s: problem body", what)
                .isEqualTo(missing.problemWithoutInstance());
        assertThat(existing.type()).isEqualTo("urn:order-engine:problem:not-found");
        assertThat(comparable(existing.headers())).as("%s: headers", what).isEqualTo(comparable(missing.headers()));
        // same id length, so even the instance and the length of the body match byte for byte
        assertThat(existing.body().length())
                .as("%s: body length", what)
                .isEqualTo(missing.body().length());
    }

    private static Map<String, String> comparable(Map<String, String> headers) {
        Map<String, String> kept = new TreeMap<>(headers);
        kept.keySet().removeAll(PER_REQUEST_HEADERS);
        return kept;
    }
}
