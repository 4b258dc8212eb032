package io.orderengine.outbound.webhooks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery of outbound webhooks.
 *
 * @param maxAttempts        tries per delivery before it is marked FAILED (an admin can re-send it)
 * @param initialBackoff     wait after the first failed try; doubled after each further one
 * @param maxBackoff         the wait never grows beyond this
 * @param connectTimeout     TCP/TLS connect timeout per try
 * @param requestTimeout     whole-request timeout per try (a slow endpoint counts as failed after it)
 * @param pollInterval       how often the worker looks for due deliveries it was not woken for: retries whose wait
 *                           is over, and deliveries of other instances (a new delivery is sent at once)
 * @param batchSize          due deliveries taken per poll
 * @param maxInFlight        deliveries in flight at once, over all endpoints
 * @param maxInFlightPerEndpoint deliveries in flight at once to one endpoint, so a slow one cannot take every slot
 * @param allowPrivateTargets    whether endpoints may be on loopback, link-local, private, unspecified or multicast
 *                               addresses ({@link WebhookTargets}); false, so admins cannot probe the internal network
 */
@Validated
@ConfigurationProperties("engine.webhooks")
public record WebhookProperties(
        @Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
        @DefaultValue("PT10S") Duration initialBackoff,
        @DefaultValue("PT1H") Duration maxBackoff,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration requestTimeout,
        @DefaultValue("PT5S") Duration pollInterval,
        @Min(1) @Max(1000) @DefaultValue("50") int batchSize,
        @Min(1) @Max(1000) @DefaultValue("16") int maxInFlight,
        @Min(1) @Max(1000) @DefaultValue("4") int maxInFlightPerEndpoint,
        @DefaultValue("false") boolean allowPrivateTargets) {

    /** The wait before try {@code nextAttempt} (2 or more): initial × 2^(nextAttempt − 2), at most the maximum. */
    public Duration backoffBefore(int nextAttempt) {
        int doublings = Math.max(0, Math.min(nextAttempt - 2, 30));
        Duration wait = initialBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** How long a claimed delivery stays claimed: longer than any try can take. */
    Duration claimDuration() {
        return connectTimeout.plus(requestTimeout).plusSeconds(30);
    }
}
