package io.orderengine.api.web.protection;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits ({@code engine.rate-limit.*}); {@code enabled=false} turns them off (load tests).
 *
 * @param checkoutPer15min  checkouts per customer (or per IP for guests) in any 15 minutes
 * @param requestsPerMinute requests per client (subject, or IP when anonymous) per minute, all endpoints but
 *                          webhooks, the sandbox gateway and health probes
 */
@Validated
@ConfigurationProperties("engine.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("5") int checkoutPer15min,
        @Min(1) @DefaultValue("100") int requestsPerMinute) {}
