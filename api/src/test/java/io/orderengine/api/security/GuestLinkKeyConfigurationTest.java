package io.orderengine.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.outbound.mail.GuestLinkFallbackKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Guest links without their own secret: signed with a key derived from the token secret, so they survive restarts
 * and agree across instances; with RS256 tokens the {@code prod} profile demands a secret of their own.
 */
class GuestLinkKeyConfigurationTest {

    private static final String SECRET = "a-production-secret-of-at-least-256-bits-0123456789";

    private final GuestLinkKeyConfiguration configuration = new GuestLinkKeyConfiguration();

    private static SecurityProperties hs256(String secret) {
        return new SecurityProperties(
                secret, null, null, null, null, Duration.ofSeconds(30), Duration.ofHours(1), List.of());
    }

    @Test
    void theKeyIsDerivedFromTheTokenSecretTheSameEveryTimeAndDiffersFromIt() {
        MockEnvironment environment = new MockEnvironment();
        GuestLinkFallbackKey one =
                configuration.guestLinkFallbackKey(DemoMode.from(environment, hs256(SECRET)), environment);
        GuestLinkFallbackKey again =
                configuration.guestLinkFallbackKey(DemoMode.from(environment, hs256(SECRET)), environment);
        GuestLinkFallbackKey other = configuration.guestLinkFallbackKey(
                DemoMode.from(environment, hs256(SECRET.replace('0', 'x'))), environment);

        assertThat(one.key()).hasSize(32).isEqualTo(again.key()).isNotEqualTo(other.key());
        assertThat(one.key()).isNotEqualTo(java.util.Arrays.copyOf(SECRET.getBytes(), 32));
    }

    @Test
    void withRs256TokensProductionNeedsAGuestLinkSecretOfItsOwn() {
        SecurityProperties rs256 = new SecurityProperties(
                null,
                "http://127.0.0.1:1/jwks",
                new ByteArrayResource(new byte[0]),
                "issuer",
                "audience",
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                List.of());
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        assertThatThrownBy(() -> configuration.guestLinkFallbackKey(DemoMode.from(prod, rs256), prod))
                .hasMessageContaining("engine.guest-links.secret is required");

        prod.setProperty("engine.guest-links.secret", "g".repeat(32));
        assertThat(configuration.guestLinkFallbackKey(DemoMode.from(prod, rs256), prod))
                .isNull();
    }
}
