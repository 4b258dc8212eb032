package io.orderengine.saga.edit;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an attempt to record an order edit may hold the stock it took before the edit is recorded with it
 * ({@code engine.orders.edit-stock-hold}): past it, {@link EditStockHoldSaga} gives the units back. Far longer than a
 * request takes, so that only an attempt that died loses its hold.
 */
public record EditStockPolicy(Duration holdTimeout) {

    public static final Duration DEFAULT_HOLD_TIMEOUT = Duration.ofMinutes(5);

    public EditStockPolicy {
        Objects.requireNonNull(holdTimeout, "holdTimeout");
        if (holdTimeout.isNegative() || holdTimeout.isZero()) {
            throw new IllegalArgumentException("holdTimeout must be positive");
        }
    }
}
