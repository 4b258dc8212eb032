package io.orderengine.messages.query;

import java.util.Objects;

/** A signed-in customer's order statistics: order count, total spent (captured minus refunded), last order date. */
public record FindCustomerStatsQuery(String customerId) {
    public FindCustomerStatsQuery {
        Objects.requireNonNull(customerId, "customer id");
    }
}
