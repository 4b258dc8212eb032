package io.orderengine.messages.query;

import java.time.LocalDate;
import java.util.Objects;

/** The order and payment metrics of one UTC calendar day, with alerts when payments look unhealthy. */
public record DailyMetricsQuery(LocalDate date) {
    public DailyMetricsQuery {
        Objects.requireNonNull(date, "date");
    }
}
