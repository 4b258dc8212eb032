package io.orderengine.api.admin.dashboard;

import io.orderengine.api.web.ApiException;
import io.orderengine.messages.query.AdminOverviewQuery;
import io.orderengine.messages.query.DailyMetricsQuery;
import io.orderengine.query.metrics.AdminOverview;
import io.orderengine.query.metrics.DailyMetrics;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures the admin dashboard shows (admins only). Days are UTC days; {@code date} defaults to today.
 * <ul>
 * <li>{@code GET /api/v1/admin/dashboard?date=} → {@code {"date","ordersToday","pendingCount",
 *     "revenueThisMonthMinor":{"EUR":..},"ordersByStatus":{"PENDING":..,...}}}</li>
 * <li>{@code GET /api/v1/admin/metrics/daily?date=} → {@code {"date","orders","succeeded","failed",
 *     "paymentSuccessRate","averageOrderValueMinor":{..},"averageTimeToConfirmMillis","revenueMinor":{..},"alert",
 *     "alerts":[..]}}</li>
 * </ul>
 */
@RestController
class DashboardController {

    private final QueryGateway queries;
    private final Clock clock;

    DashboardController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/api/v1/admin/dashboard")
    AdminOverview dashboard(@RequestParam(required = false) String date) {
        return queries.query(new AdminOverviewQuery(day(date)), AdminOverview.class)
                .join();
    }

    @GetMapping("/api/v1/admin/metrics/daily")
    DailyMetrics daily(@RequestParam(required = false) String date) {
        return queries.query(new DailyMetricsQuery(day(date)), DailyMetrics.class)
                .join();
    }

    private LocalDate day(String date) {
        if (date == null || date.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("validation", "Parameter 'date' must be an ISO date (2025-03-14).");
        }
    }
}
