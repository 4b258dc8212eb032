package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.attacks.AttackClient.Answer;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks: a key given twice ({@code {"email":"a","email":"b"}}) answered 500 with a stack trace in the log, and a
 * fractional quantity ({@code 1.5}) was silently cut to 1. Both must be 400 {@code malformed-body} problems naming the
 * field, and change nothing.
 */
class MalformedJsonAttackTest {

    private static final String MALFORMED = "urn:order-engine:problem:malformed-body";

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static AttackClient attacker;
    static String admin;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        EngineClient client = engine.client();
        attacker = new AttackClient(engine.port());
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "JSON-1", 1000, 10).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        client.get("/api/v1/skus", null).body().path("items").size() == 1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String checkout(String email, String quantity, String country) {
        return """
                {"items":[{"sku":"JSON-1","quantity":%s}],%s
                 "shippingAddress":{"fullName":"Noa Cohen","line1":"5 Rothschild Blvd","city":"Tel Aviv",%s},
                 "paymentMethod":"sandbox","currency":"EUR"}""".formatted(quantity, email, country);
    }

    @Test
    void aValidCheckoutIsAccepted() {
        Answer answer = attacker.post(
                "/api/v1/checkout", checkout("\"email\":\"a@example.com\",", "2", "\"country\":\"IL\""), null);
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
    }

    @Test
    void aNullInsideAListIsA400NotA500() {
        Answer answer = attacker.post("/api/v1/dev/tokens", "{\"subject\":\"x\",\"roles\":[null]}", null);
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
    }

    @Test
    void aKeyGivenTwiceIsA400NamingTheKey() {
        Answer top = attacker.post(
                "/api/v1/checkout",
                checkout("\"email\":\"a@example.com\",\"email\":\"victim@example.com\",", "1", "\"country\":\"IL\""),
                null);
        Answer nested = attacker.post(
                "/api/v1/checkout",
                checkout("\"email\":\"a@example.com\",", "1", "\"country\":\"IL\",\"country\":\"DE\""),
                null);
        Answer admin = attacker.post(
                "/api/v1/admin/skus",
                "{\"sku\":\"JSON-2\",\"name\":\"A\",\"name\":\"B\",\"priceMinor\":100,\"currency\":\"EUR\"}",
                MalformedJsonAttackTest.admin);
        for (Answer answer : new Answer[] {top, nested, admin}) {
            assertThat(answer.status()).as("%s", answer).isEqualTo(400);
            assertThat(answer.type()).isEqualTo(MALFORMED);
            assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
        }
        assertThat(top.detail()).isEqualTo("Field 'email' appears more than once.");
        assertThat(nested.detail()).isEqualTo("Field 'country' appears more than once.");
        assertThat(admin.detail()).isEqualTo("Field 'name' appears more than once.");
        assertThat(attacker.get("/api/v1/admin/skus/JSON-2", MalformedJsonAttackTest.admin)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aFractionalNumberWhereAWholeOneBelongsIsA400() {
        for (String quantity : new String[] {"1.5", "0.999", "1.0", "1e0", "2.5e1"}) {
            Answer answer = attacker.post(
                    "/api/v1/checkout", checkout("\"email\":\"a@example.com\",", quantity, "\"country\":\"IL\""), null);
            assertThat(answer.status()).as("quantity %s: %s", quantity, answer).isEqualTo(400);
            assertThat(answer.type()).isEqualTo(MALFORMED);
            assertThat(answer.detail()).isEqualTo("Field 'items[0].quantity' must be a whole number.");
        }
        Answer price = attacker.post(
                "/api/v1/admin/skus",
                "{\"sku\":\"JSON-3\",\"name\":\"A\",\"priceMinor\":100.5,\"currency\":\"EUR\"}",
                admin);
        assertThat(price.status()).as("%s", price).isEqualTo(400);
        assertThat(price.detail()).isEqualTo("Field 'priceMinor' must be a whole number.");
        Answer stock = attacker.post("/api/v1/admin/skus/JSON-1/stock", "{\"delta\":0.5,\"reason\":\"x\"}", admin);
        assertThat(stock.status()).as("%s", stock).isEqualTo(400);
        assertThat(stock.detail()).isEqualTo("Field 'delta' must be a whole number.");
    }
}
