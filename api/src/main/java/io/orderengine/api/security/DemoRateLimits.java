package io.orderengine.api.security;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo mode's rate limits: a newcomer following the README, {@code docs/api.md} and {@code scripts/smoke} (twice)
 * from one address must not meet a 429, so in demo mode the limits default to {@link #DEFAULTS} instead of the
 * production defaults of {@code RateLimitProperties}. They are the lowest-precedence source: any
 * {@code engine.rate-limit.*} setting still wins, and outside demo mode nothing changes.
 */
public final class DemoRateLimits implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.of(
            "engine.rate-limit.checkout-per15min", "200",
            "engine.rate-limit.requests-per-minute", "2000");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (DemoMode.applies(environment)) {
            environment.getPropertySources().addLast(new MapPropertySource("demoRateLimits", DEFAULTS));
        }
    }
}
