package io.orderengine.saga.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook inbox ({@code engine.payments.inbox.*}; docs/operations.md, "Webhook inbox").
 *
 * @param retention    how long an entry (with its payload and attempts) is kept after it was received
 * @param firstRetry   the pause before the engine retries a failed entry; it doubles with every retry
 * @param maxBackoff   the longest pause between two retries
 * @param maxRetries   retries the engine makes on its own; after them an entry stays FAILED until an admin retries it
 * @param pendingAfter an entry still not processed this long after it was received (the engine stopped while it ran)
 *                     is retried like a failed one
 * @param claim        how long a retry holds an entry before another instance may take it
 * @param retrySweep   how often the engine looks for entries due for a retry
 */
@ConfigurationProperties("engine.payments.inbox")
public record InboxProperties(
        @DefaultValue("90d") Duration retention,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("10") int maxRetries,
        @DefaultValue("5m") Duration pendingAfter,
        @DefaultValue("2m") Duration claim,
        @DefaultValue("15s") Duration retrySweep) {

    public static InboxProperties defaults() {
        return new InboxProperties(
                Duration.ofDays(90),
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                10,
                Duration.ofMinutes(5),
                Duration.ofMinutes(2),
                Duration.ofSeconds(15));
    }

    /** The pause before retry number {@code retry} (1, 2, …): {@code firstRetry × 2^(retry-1)}, at most maxBackoff. */
    Duration backoff(int retry) {
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        Duration pause = firstRetry.multipliedBy(1L << doublings);
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }
}
