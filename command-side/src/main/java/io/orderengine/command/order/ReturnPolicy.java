package io.orderengine.command.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long after delivery units may be returned ({@code engine.returns.window}, default 30 days); a shipment that has
 * not arrived counts from when it shipped. {@code clock} says what "now" is.
 */
public record ReturnPolicy(Duration window, Clock clock) {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    public ReturnPolicy {
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("the return window must be zero or more");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
    }

    /** Shipments that arrived (or shipped) after this instant are still within the window. */
    Instant openSince() {
        return clock.instant().minus(window);
    }
}
