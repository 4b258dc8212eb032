package io.orderengine.api.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** The API as an attacker and a clumsy client see it, on one running engine (rate limits off here). */
class ApiProtectionTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static String admin;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.security.allowed-origins", "https://shop.example");
        engine = RunningEngine.start(properties);
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "PROT-MUG", 1000, 100).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        client.get("/api/v1/skus", null).body().path("total").asInt() >= 1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void forgedExpiredAndUnsignedTokensAreRefused() throws Exception {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        SignedJWT forged = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("mallory")
                        .claim("roles", List.of("ADMIN"))
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        forged.sign(new MACSigner(otherKey));
        assertThat(client.get("/api/v1/admin/orders", forged.serialize()).status())
                .isEqualTo(401);

        String unsigned = base64("{\"alg\":\"none\"}") + "."
                + base64("{\"sub\":\"mallory\",\"roles\":[\"ADMIN\"],\"exp\":"
                        + (Instant.now().getEpochSecond() + 600) + "}")
                + ".";
        Reply none = client.get("/api/v1/admin/orders", unsigned);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().path("type").asText()).isEqualTo("urn:order-engine:problem:unauthorized");

        JwtEncoder encoder = engine.bean(JwtEncoder.class);
        String expired = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(),
                        JwtClaimsSet.builder()
                                .subject("alice")
                                .claim("roles", List.of("ADMIN"))
                                .issuedAt(Instant.now().minusSeconds(7200))
                                .expiresAt(Instant.now().minusSeconds(3600))
                                .build()))
                .getTokenValue();
        assertThat(client.get("/api/v1/admin/orders", expired).status()).isEqualTo(401);
    }

    @Test
    void customersCannotUseAdminEndpointsOrSeeOtherPeoplesOrders() {
        String alice = client.token("alice", "CUSTOMER");
        String bob = client.token("bob", "CUSTOMER");
        Reply registerAsCustomer = client.post("/api/v1/admin/skus", Map.of("sku", "X"), alice);
        assertThat(registerAsCustomer.status()).isEqualTo(403);
        assertThat(registerAsCustomer.body().path("type").asText()).isEqualTo("urn:order-engine:problem:forbidden");

        Reply order = client.checkout(EngineClient.checkoutBody("PROT-MUG", 1, "alice@example.com"), alice);
        assertThat(order.status()).isEqualTo(201);
        String id = order.text("orderId");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/orders/" + id, alice).status() == 200);

        Reply asBob = client.get("/api/v1/orders/" + id, bob);
        assertThat(asBob.status()).isEqualTo(404);
        assertThat(client.get("/api/v1/orders/" + id, null).status()).isEqualTo(404);
        assertThat(client.get("/api/v1/orders/" + id + "?token=guessed", null).status())
                .isEqualTo(404);
        assertThat(client.post("/api/v1/orders/" + id + "/cancel", Map.of("reason", "mine now"), bob)
                        .status())
                .isEqualTo(404);
        assertThat(client.get("/api/v1/orders/" + id, admin).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/orders/not-a-uuid", alice).status()).isEqualTo(404);
    }

    @Test
    void idempotencyKeysReplayTheFirstAnswerAndRefuseADifferentBody() {
        Map<String, Object> body = EngineClient.checkoutBody("PROT-MUG", 1, "guest@example.com");
        String key = UUID.randomUUID().toString();
        Map<String, String> sameClient = Map.of("Idempotency-Key", key, "Idempotency-Client-Secret", "secret-" + key);
        Reply first = client.post("/api/v1/checkout", body, null, sameClient);
        Reply again = client.post("/api/v1/checkout", body, null, sameClient);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());

        Map<String, Object> other = EngineClient.checkoutBody("PROT-MUG", 2, "guest@example.com");
        Reply changed = client.post("/api/v1/checkout", other, null, sameClient);
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.body().path("type").asText()).isEqualTo("urn:order-engine:problem:idempotency-key-reused");

        Reply missing = client.post("/api/v1/checkout", body, null, Map.of());
        assertThat(missing.status()).isEqualTo(400);

        String path = "/api/v1/orders/" + first.text("orderId");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get(path + "?token=" + first.text("guestToken"), null)
                                .status()
                        == 200);
        String cancelKey = UUID.randomUUID().toString();
        Map<String, String> keyed = Map.of("Idempotency-Key", cancelKey);
        Reply cancelled =
                client.post(path + "/cancel?token=" + first.text("guestToken"), Map.of("reason", "oops"), null, keyed);
        Reply cancelledAgain =
                client.post(path + "/cancel?token=" + first.text("guestToken"), Map.of("reason", "oops"), null, keyed);
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelledAgain.status()).isEqualTo(202);
        assertThat(cancelledAgain.headers().get("idempotent-replayed")).containsExactly("true");
    }

    @Test
    void twentyParallelRetriesWithOneKeyPlaceExactlyOneOrder() throws Exception {
        String carol = client.token("carol", "CUSTOMER");
        Map<String, Object> body = EngineClient.checkoutBody("PROT-MUG", 1, "carol@example.com");
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> client.post("/api/v1/checkout", body, carol, Map.of("Idempotency-Key", key)));
        }
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> f : pool.invokeAll(calls)) {
            replies.add(f.get());
        }
        pool.shutdown();
        long created = replies.stream().filter(r -> r.status() == 201).count();
        long inFlight = replies.stream().filter(r -> r.status() == 409).count();
        System.out.printf(
                "20 parallel checkouts, one key: %d answered 201 (same order), %d answered 409 in flight%n",
                created, inFlight);
        assertThat(created + inFlight).isEqualTo(20);
        assertThat(replies.stream()
                        .filter(r -> r.status() == 201)
                        .map(r -> r.text("orderId"))
                        .distinct())
                .hasSize(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        client.get("/api/v1/orders", carol).body().path("total").asInt() >= 1);
        assertThat(client.get("/api/v1/orders", carol).body().path("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void malformedOversizedAndUnknownInputGetsProblemsNeverA500() {
        Reply unknownField = client.post(
                "/api/v1/admin/skus",
                "{\"sku\":\"A1\",\"name\":\"x\",\"priceMinor\":1," + "\"currency\":\"EUR\",\"hacker\":true}",
                admin);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().path("detail").asText()).contains("hacker");

        String huge = "{\"sku\":\"A1\",\"name\":\"" + "x".repeat(120_000) + "\"}";
        assertThat(client.post("/api/v1/admin/skus", huge, admin).status()).isEqualTo(413);

        Reply injection = client.post(
                "/api/v1/admin/skus",
                "{\"sku\":{\"$gt\":\"\"},\"name\":\"x\",\"priceMinor\":1," + "\"currency\":\"EUR\"}",
                admin);
        assertThat(injection.status()).isEqualTo(400);

        Reply wrongType = client.post(
                "/api/v1/checkout",
                "{\"items\":\"all\"}",
                null,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().toString()).doesNotContain("Exception").doesNotContain("io.orderengine");

        Reply unknownSku = client.checkout(EngineClient.checkoutBody("NO-SUCH-SKU", 1, "g@example.com"), null);
        assertThat(unknownSku.status()).isEqualTo(422);
        assertThat(client.get("/api/v1/nowhere", null).status()).isEqualTo(404);
        Reply traversal = client.get("/api/v1/orders/..%2F..%2Fetc%2Fpasswd", null);
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.body().path("type").asText()).isEqualTo("urn:order-engine:problem:request-rejected");
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndTheRequestId() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + "/api/v1/skus"))
                                .header("X-Request-Id", "req-42")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        var headers = response.headers();
        assertThat(headers.firstValue("X-Request-Id")).contains("req-42");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("Strict-Transport-Security")).isPresent();
        assertThat(headers.firstValue("Content-Security-Policy")).isPresent();
        assertThat(headers.firstValue("Referrer-Policy")).isPresent();
    }

    @Test
    void corsAllowsOnlyListedOrigins() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String origin : Set.of("https://shop.example", "https://evil.example")) {
            HttpResponse<String> preflight = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + "/api/v1/checkout"))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .header("Origin", origin)
                            .header("Access-Control-Request-Method", "POST")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (origin.equals("https://shop.example")) {
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                        .contains(origin);
            } else {
                assertThat(preflight.statusCode()).isEqualTo(403);
                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                        .isEmpty();
            }
        }
    }

    @Test
    void theRequestIdAndCallerEndUpInTheEventsTheRequestCaused() {
        String dave = client.token("dave", "CUSTOMER");
        Reply order = client.post(
                "/api/v1/checkout",
                EngineClient.checkoutBody("PROT-MUG", 1, "dave@example.com"),
                dave,
                Map.of("Idempotency-Key", UUID.randomUUID().toString(), "X-Request-Id", "trace-dave-1"));
        assertThat(order.status()).isEqualTo(201);
        var placed =
                engine.bean(EventStore.class).readEvents(order.text("orderId")).next();
        assertThat(placed.getMetaData())
                .containsEntry("requestId", "trace-dave-1")
                .containsEntry("subject", "dave");
    }

    @Test
    void healthMetricsAndTheApiDescriptionAreServed() {
        Reply readiness = client.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(client.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(client.get("/actuator/health", admin)
                        .body()
                        .path("components")
                        .path("store")
                        .path("details")
                        .path("kind")
                        .asText())
                .isIn("embedded", "mongodb");
        assertThat(client.get("/actuator/env", null).status()).isEqualTo(401);

        Reply docs = client.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/checkout")).isTrue();
        assertThat(docs.body()
                        .path("paths")
                        .path("/api/v1/checkout")
                        .path("post")
                        .path("responses")
                        .has("422"))
                .isTrue();
    }

    @Test
    void theCheckoutOffersTheSandboxAndQuotesTotalsLikePlacementWill() throws Exception {
        Reply options = client.get("/api/v1/checkout/options", null);
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.body().path("paymentMethods").toString()).isEqualTo("[\"sandbox\"]");
        assertThat(options.body().path("stripePublishableKey").isNull()).isTrue();

        Reply quote = client.post(
                "/api/v1/checkout/quote",
                Map.of(
                        "items",
                        List.of(Map.of("sku", "PROT-MUG", "quantity", 2)),
                        "currency",
                        "EUR",
                        "country",
                        "IL",
                        "discountCode",
                        "welcome10"),
                null);
        assertThat(quote.status()).isEqualTo(200);
        assertThat(quote.body().path("totals").path("subtotalMinor").asLong()).isEqualTo(2000);
        assertThat(quote.body().path("totals").path("discountMinor").asLong()).isEqualTo(200);
        assertThat(quote.body().path("totals").path("totalMinor").asLong()).isEqualTo(2714);
        Reply unknownCode = client.post(
                "/api/v1/checkout/quote",
                Map.of(
                        "items",
                        List.of(Map.of("sku", "PROT-MUG", "quantity", 1)),
                        "currency",
                        "EUR",
                        "discountCode",
                        "FREE100"),
                null);
        assertThat(unknownCode.status()).isEqualTo(422);
        assertThat(client.get("/api/v1/admin/skus", admin).body().path("total").asInt())
                .isGreaterThanOrEqualTo(1);
        HttpResponse<String> adminPage = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + "/admin/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(adminPage.statusCode()).isEqualTo(200);
        assertThat(adminPage.body()).containsIgnoringCase("<html");
    }

    @Test
    void prometheusMetricsAreExposedToAdmins() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + "/actuator/prometheus"))
                                .header("Authorization", "Bearer " + admin)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
    }
}
