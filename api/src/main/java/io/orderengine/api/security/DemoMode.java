package io.orderengine.api.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Demo mode (PRODUCT.md): started with no JWT secret and not in the {@code prod} profile. Then the sandbox
 * gateway is offered, the dev token endpoint exists, rate limits are relaxed ({@link DemoRateLimits}) and tokens are
 * signed with a key kept in the data folder ({@link DemoSigningKey}), so they survive a restart.
 * A JWT secret or the {@code prod} profile turns it off; outside demo mode a secret of at least 256 bits is
 * required, or the engine refuses to start.
 */
public final class DemoMode {

    private static final Logger log = LoggerFactory.getLogger(DemoMode.class);
    static final int MIN_SECRET_BYTES = 32;

    private final boolean enabled;
    private final byte[] signingKey;

    private DemoMode(boolean enabled, byte[] signingKey) {
        this.enabled = enabled;
        this.signingKey = signingKey;
    }

    /** True when nothing configures token verification and the prod profile is off. */
    public static boolean applies(Environment environment) {
        return !environment.acceptsProfiles(Profiles.of("prod"))
                && !hasText(environment.getProperty("engine.security.jwt-secret"))
                && !hasText(environment.getProperty("engine.security.jwk-set-uri"))
                && !hasText(environment.getProperty("engine.security.jwt-public-key"));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    public static DemoMode from(Environment environment, SecurityProperties properties) {
        boolean prod = environment.acceptsProfiles(Profiles.of("prod"));
        if (properties.hasRsaKeys() && !properties.hasSecret()) {
            log.info("Security: RS256 tokens verified with configured keys; demo mode OFF");
            return new DemoMode(false, null);
        }
        if (properties.hasSecret()) {
            byte[] key = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("engine.security.jwt-secret must be at least 256 bits (32 bytes); got "
                        + key.length + " bytes");
            }
            log.info("Security: JWT secret configured; demo mode OFF");
            return new DemoMode(false, key);
        }
        if (prod) {
            throw new IllegalStateException(
                    "engine.security.jwt-secret is required with the prod profile " + "(HS256, at least 256 bits)");
        }
        Path keyFile = DemoSigningKey.file(environment);
        byte[] key = keyFile == null ? DemoSigningKey.random() : DemoSigningKey.loadOrCreate(keyFile);
        // INFO, not WARN: demo mode is the documented first run (README), and the prod profile refuses to start in it
        log.info("Security: DEMO MODE (no engine.security.jwt-secret): sandbox payments, dev token endpoint "
                + "POST /api/v1/dev/tokens, relaxed rate limits, tokens signed with "
                + (keyFile == null ? "a random key for this process" : "the demo key in " + keyFile)
                + ". Not for production.");
        return new DemoMode(true, key);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The HS256 key, when tokens are verified with a shared secret (demo or {@code jwt-secret}); else null. */
    byte[] signingKey() {
        return signingKey == null ? null : Arrays.copyOf(signingKey, signingKey.length);
    }
}
