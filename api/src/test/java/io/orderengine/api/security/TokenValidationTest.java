package io.orderengine.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenValidationTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final OAuth2TokenValidator<Jwt> validator = TokenValidation.validator(
            new SecurityProperties(
                    null,
                    null,
                    null,
                    "https://id.test/",
                    "engine",
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    List.of()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void expiryIsToleratedWithinTheSkewOnly() {
        assertThat(validator.validate(jwt(NOW.minusSeconds(10))).hasErrors()).isFalse();
        assertThat(validator.validate(jwt(NOW.minusSeconds(31))).hasErrors()).isTrue();
    }

    @Test
    void expiryIsRequired() {
        assertThat(validator.validate(jwt(null)).getErrors())
                .anySatisfy(error -> assertThat(error.getDescription()).contains("exp"));
    }

    private static Jwt jwt(Instant expiresAt) {
        Jwt.Builder jwt = Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject("alice")
                .issuer("https://id.test/")
                .audience(List.of("engine"))
                .issuedAt(NOW.minusSeconds(600))
                .claim("roles", List.of("ADMIN"));
        if (expiresAt != null) {
            jwt.expiresAt(expiresAt);
        }
        return jwt.build();
    }
}
