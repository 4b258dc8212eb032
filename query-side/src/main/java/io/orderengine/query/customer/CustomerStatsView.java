package io.orderengine.query.customer;

import java.time.Instant;
import java.util.Map;

/**
 * A signed-in customer's order statistics: {@code orderCount} counts every order they placed (whatever became of
 * it); {@code totalSpentMinor} is captured minus refunded money per currency, in minor units
 * ({@code {"EUR":12345}}); {@code lastOrderAt} is when they last placed an order, null if never.
 */
public record CustomerStatsView(
        String customerId, long orderCount, Map<String, Long> totalSpentMinor, Instant lastOrderAt) {

    public CustomerStatsView {
        totalSpentMinor = Map.copyOf(totalSpentMinor);
    }
}
