package io.orderengine.api.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/** A missing or invalid setting stops the engine at start-up with a message that names it. */
class ConfigurationValidationTest {

    @TempDir
    Path folder;

    /** The level set below outlives a failed start in this JVM: put it back for the test classes after this one. */
    @AfterEach
    void reportFailedStartsAgain() {
        ((Logger) LoggerFactory.getLogger(SpringApplication.class)).setLevel(null);
    }

    private Map<String, Object> with(String key, String value) {
        Map<String, Object> properties = TestStore.fresh(folder);
        // every start here is meant to fail: the exception is asserted, its report would only fill the build's output
        properties.put("logging.level.org.springframework.boot.SpringApplication", "off");
        properties.put(key, value);
        return properties;
    }

    @Test
    void theProdProfileRefusesToStartWithoutAJwtSecret() {
        assertThatThrownBy(() -> RunningEngine.start(with("spring.profiles.active", "prod"))
                        .close())
                .hasStackTraceContaining("engine.security.jwt-secret is required");
    }

    @Test
    void theProdProfileRefusesToStartWithoutAJwtIssuerAndAudience() {
        Map<String, Object> properties = with("spring.profiles.active", "prod");
        properties.put("engine.security.jwt-secret", "a-production-secret-of-at-least-256-bits-0123456789");
        properties.put("engine.security.jwt-issuer", "https://id.shop.test/");
        assertThatThrownBy(() -> RunningEngine.start(properties).close())
                .hasStackTraceContaining(
                        "engine.security.jwt-issuer and engine.security.jwt-audience are required with the prod profile");
    }

    @Test
    void theProdProfileRefusesToStartWithoutAPrivacyMasterKey() {
        Map<String, Object> properties = with("spring.profiles.active", "prod");
        properties.put("engine.security.jwt-secret", "a-production-secret-of-at-least-256-bits-0123456789");
        properties.put("engine.security.jwt-issuer", "https://id.shop.test/");
        properties.put("engine.security.jwt-audience", "order-engine");
        assertThatThrownBy(() -> RunningEngine.start(properties).close())
                .hasStackTraceContaining("engine.privacy.master-key is required with the prod profile");
    }

    @Test
    void aClockSkewOutOfRangeIsRefused() {
        assertThatThrownBy(() -> RunningEngine.start(with("engine.security.jwt-clock-skew", "1h"))
                        .close())
                .hasStackTraceContaining("engine.security.jwt-clock-skew must be between 0s and 5m");
    }

    @Test
    void aJwtSecretShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> RunningEngine.start(with("engine.security.jwt-secret", "too-short"))
                        .close())
                .hasStackTraceContaining("engine.security.jwt-secret must be at least 256 bits");
    }

    @Test
    void invalidPricingAndStoreSettingsAreNamed() {
        assertThatThrownBy(() -> RunningEngine.start(with("engine.pricing.default-tax-rate", "-5"))
                        .close())
                .hasStackTraceContaining("engine.pricing")
                .hasStackTraceContaining("defaultTaxRate");
        assertThatThrownBy(() -> RunningEngine.start(with("engine.rate-limit.requests-per-minute", "0"))
                        .close())
                .hasStackTraceContaining("engine.rate-limit")
                .hasStackTraceContaining("requestsPerMinute");
    }
}
