package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.orderengine.api.security.ManagementPort;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: a production engine served {@code /actuator/prometheus} (every metric name, order counts, processor
 * lag) and the Swagger UI with the whole API description to anyone. Now Prometheus needs ADMIN on the application's
 * port, or is scraped on a separate management port; health stays public; Swagger UI and {@code /v3/api-docs} are
 * off under {@code prod}.
 */
class PublicSurfaceAttackTest {

    private static final String SECRET = "surface-suite-secret-0123456789abcdef-01234567";
    private static final String ISSUER = "https://id.shop.test/";
    private static final String AUDIENCE = "order-engine";

    @TempDir
    static Path folder;

    @TempDir
    static Path otherFolder;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static RunningEngine production;
    static EngineClient client;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("spring.profiles.active", "prod");
        properties.put("engine.security.jwt-secret", SECRET);
        properties.put("engine.security.jwt-issuer", ISSUER);
        properties.put("engine.security.jwt-audience", AUDIENCE);
        properties.put("engine.privacy.master-key", "dGVzdC1vbmx5LW1hc3Rlci1rZXktb2YtMzItYnl0ZXM=");
        production = RunningEngine.start(properties);
        client = production.client();
    }

    @AfterAll
    static void stop() {
        production.close();
    }

    @Test
    void prometheusNeedsAnAdminWhileHealthStaysPublic() {
        int port = production.port();
        assertThat(scrape(port, null)).isEqualTo(401);
        assertThat(scrape(port, token("CUSTOMER"))).isEqualTo(403);
        assertThat(scrape(port, token("ADMIN"))).isEqualTo(200);
        assertThat(client.get("/actuator/metrics", null).status()).isEqualTo(401);

        for (String health : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(client.get(health, null).status()).as(health).isIn(200, 503);
        }
    }

    @Test
    void swaggerAndTheApiDescriptionAreOffInProduction() {
        for (String path :
                List.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html", "/swagger-ui/index.html")) {
            assertThat(client.get(path, null).status()).as(path).isEqualTo(404);
            assertThat(client.get(path, token("ADMIN")).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void onASeparateManagementPortPrometheusIsScrapedThereOnlyAndDemoTokensCarryTheConfiguredIssuerAndAudience() {
        Map<String, Object> properties = TestStore.fresh(otherFolder);
        properties.put("management.server.port", "0");
        properties.put("management.server.address", "127.0.0.1");
        properties.put("engine.security.jwt-issuer", ISSUER);
        properties.put("engine.security.jwt-audience", AUDIENCE);
        try (RunningEngine demo = RunningEngine.start(properties)) {
            EngineClient app = demo.client();
            int port = demo.bean(ManagementPort.class).port();
            assertThat(port).isPositive().isNotEqualTo(demo.port());
            EngineClient management = new EngineClient(port);

            assertThat(scrape(port, null)).isEqualTo(200);
            assertThat(management.get("/actuator/metrics", null).status()).isEqualTo(401);
            assertThat(scrape(demo.port(), null)).isIn(401, 404);

            String admin = app.token("admin-1", "ADMIN");
            Map<?, ?> claims = claimsOf(admin);
            assertThat(claims.get("iss")).isEqualTo(ISSUER);
            assertThat(String.valueOf(claims.get("aud"))).contains(AUDIENCE);
            assertThat(claims.get("exp")).isNotNull();
            assertThat(app.get("/api/v1/admin/dashboard", admin).status()).isEqualTo(200);
            assertThat(management.get("/actuator/metrics", admin).status()).isEqualTo(200);
        }
    }

    /** Scrapes {@code /actuator/prometheus} as Prometheus does (text, not JSON); answers the status. */
    private static int scrape(int port, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                assertThat(response.body()).contains("jvm_");
            } else {
                assertThat(response.body()).doesNotContain("jvm_");
            }
            return response.statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<?, ?> claimsOf(String jwt) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(payload, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String role) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("ops-1")
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("roles", List.of(role))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
