package io.orderengine.outbound.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signed guest links e-mails carry ({@link GuestLinks}).
 *
 * @param secret the HMAC key (at least 32 characters); the same on every engine instance and kept across restarts,
 *               or links stop working. Unset: a key derived from the HS256 token secret (the configured one, or
 *               the demo key kept in the data folder); with RS256 tokens it is required under {@code prod}, and
 *               otherwise a random key per process is used (development only; logged as a warning)
 * @param ttl    how long a link opens its order
 */
@ConfigurationProperties("engine.guest-links")
public record GuestLinkProperties(
        String secret, @DefaultValue("P30D") Duration ttl) {

    public GuestLinkProperties {
        if (secret != null && !secret.isBlank() && secret.length() < 32) {
            throw new IllegalArgumentException("engine.guest-links.secret must have at least 32 characters");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("engine.guest-links.ttl must be positive");
        }
    }
}
