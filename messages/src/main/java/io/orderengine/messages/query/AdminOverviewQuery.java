package io.orderengine.messages.query;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The admin dashboard's overview as of {@code today} (a UTC calendar day): orders placed today, orders waiting
 * for stock or payment, revenue of today's month (captured minus refunded) and order counts per status.
 */
public record AdminOverviewQuery(LocalDate today) {
    public AdminOverviewQuery {
        Objects.requireNonNull(today, "today");
    }
}
