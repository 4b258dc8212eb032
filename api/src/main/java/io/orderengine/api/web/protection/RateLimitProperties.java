package io.orderengine.api.web.protection;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits ({@code engine.rate-limit.*}); {@code enabled=false} turns them off (load tests).
 *
 * @param checkoutPer15min  checkouts per customer (or per client address for guests) in any 15 minutes; only checkouts
 *                          that pass validation count ({@link CheckoutQuota})
 * @param requestsPerMinute requests per client (subject, or client address when anonymous) per minute, valid or not,
 *                          on every {@code /api/**} endpoint but webhooks and the sandbox gateway
 */
@Validated
@ConfigurationProperties("engine.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("5") int checkoutPer15min,
        @Min(1) @DefaultValue("100") int requestsPerMinute) {}
