package io.orderengine.query.metrics;

import io.orderengine.messages.order.OrderStatus;
import java.time.LocalDate;
import java.util.Map;

/**
 * The admin dashboard's overview on {@code date} (UTC): {@code ordersToday} placed that day; {@code pendingCount}
 * orders now waiting for stock or payment (PENDING or AWAITING_PAYMENT); {@code revenueThisMonthMinor} money captured
 * minus refunded during that calendar month, per currency in minor units ({@code {"EUR":120000}});
 * {@code ordersByStatus} how many orders are in each status now, every status listed.
 */
public record AdminOverview(
        LocalDate date,
        long ordersToday,
        long pendingCount,
        Map<String, Long> revenueThisMonthMinor,
        Map<OrderStatus, Long> ordersByStatus) {}
