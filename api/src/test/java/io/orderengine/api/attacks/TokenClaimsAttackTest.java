package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: tokens signed with the engine's key but with no {@code exp}, a foreign issuer and audience read the
 * admin dashboard; a token with no roles read its subject's orders. Now (a production engine: {@code prod}, a secret,
 * an issuer and an audience) {@code exp} and {@code sub} are required, {@code iss} and {@code aud} checked, expiry
 * allowed 30 s of clock skew, and a token without a known role is 403 everywhere.
 */
class TokenClaimsAttackTest {

    private static final String SECRET = "attack-suite-secret-0123456789abcdef-0123456789";
    private static final String ISSUER = "https://id.shop.test/";
    private static final String AUDIENCE = "order-engine";

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("spring.profiles.active", "prod");
        properties.put("engine.security.jwt-secret", SECRET);
        properties.put("engine.security.jwt-issuer", ISSUER);
        properties.put("engine.security.jwt-audience", AUDIENCE);
        properties.put("engine.privacy.master-key", "dGVzdC1vbmx5LW1hc3Rlci1rZXktb2YtMzItYnl0ZXM=");
        engine = RunningEngine.start(properties);
        client = engine.client();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aWellFormedAdminTokenReadsTheDashboard() {
        assertThat(client.get("/api/v1/admin/dashboard", token(c -> c)).status())
                .isEqualTo(200);
    }

    @Test
    void aTokenWithoutExpiryOrWithAForeignIssuerOrAudienceIsRefused() {
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> attacks = Map.of(
                "no exp, foreign iss and aud",
                c -> c.expirationTime(null).issuer("https://evil.test/").audience("someone-else"),
                "no exp",
                c -> c.expirationTime(null),
                "no iss",
                c -> c.issuer(null),
                "foreign iss",
                c -> c.issuer("https://evil.test/"),
                "no aud",
                c -> c.audience((String) null),
                "foreign aud",
                c -> c.audience(List.of("someone-else", "another")),
                "no sub",
                c -> c.subject(null),
                "expired beyond the skew",
                c -> c.issueTime(Date.from(Instant.now().minusSeconds(600)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(120))),
                "not before, beyond the skew",
                c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120))));

        attacks.forEach((attack, claims) -> {
            Reply reply = client.get("/api/v1/admin/dashboard", token(claims));
            assertThat(reply.status()).as(attack).isEqualTo(401);
            assertThat(reply.text("type")).as(attack).isEqualTo("urn:order-engine:problem:unauthorized");
        });
    }

    @Test
    void aTokenJustPastItsExpiryPassesWithinTheClockSkew() {
        String lately = token(c -> c.issueTime(Date.from(Instant.now().minusSeconds(600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(10))));

        assertThat(client.get("/api/v1/admin/dashboard", lately).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutAKnownRoleIsForbiddenEverywhere() {
        for (List<String> roles : List.of(List.<String>of(), List.of("SUPERUSER"), List.of("admin"))) {
            String roleless = token(c -> c.subject("carol").claim("roles", roles));
            for (String path :
                    List.of("/api/v1/orders", "/api/v1/skus", "/api/v1/admin/dashboard", "/actuator/health")) {
                Reply reply = client.get(path, roleless);
                assertThat(reply.status()).as(roles + " " + path).isEqualTo(403);
                assertThat(reply.text("type")).isEqualTo("urn:order-engine:problem:forbidden");
            }
        }
        String noRolesClaim = token(c -> c.subject("carol").claim("roles", null));
        assertThat(client.get("/api/v1/orders", noRolesClaim).status()).isEqualTo(403);
        assertThat(client.get("/api/v1/orders", token(c -> c.subject("carol").claim("roles", List.of("CUSTOMER"))))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theDemoTokenEndpointDoesNotExistInProduction() {
        assertThat(client.post("/api/v1/dev/tokens", Map.of("subject", "x", "roles", List.of("ADMIN")), null)
                        .status())
                .isEqualTo(404);
    }

    /** An ADMIN token as the identity provider would issue it, changed by {@code claims}, signed with the secret. */
    private static String token(UnaryOperator<JWTClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject("admin-1")
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("roles", List.of("ADMIN"));
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256), claims.apply(builder).build());
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
