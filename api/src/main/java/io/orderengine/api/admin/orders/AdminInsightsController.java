package io.orderengine.api.admin.orders;

import io.orderengine.api.web.ApiException;
import io.orderengine.messages.query.AdminOverviewQuery;
import io.orderengine.messages.query.DailyMetricsQuery;
import io.orderengine.messages.query.FindCustomerStatsQuery;
import io.orderengine.messages.query.ListLowStockSkusQuery;
import io.orderengine.query.customer.CustomerStatsView;
import io.orderengine.query.metrics.AdminOverview;
import io.orderengine.query.metrics.DailyMetrics;
import io.orderengine.query.sku.SkuPage;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * What the admin dashboard shows (admins only). Days are UTC days; {@code date} defaults to today.
 * <ul>
 * <li>{@code GET /api/v1/admin/dashboard?date=} → {@code {"date","ordersToday","pendingCount",
 *     "revenueThisMonthMinor":{"EUR":..},"ordersByStatus":{"PENDING":..,...}}}</li>
 * <li>{@code GET /api/v1/admin/metrics/daily?date=} → {@code {"date","orders","succeeded","failed",
 *     "paymentSuccessRate","averageOrderValueMinor":{..},"averageTimeToConfirmMillis","revenueMinor":{..},"alert",
 *     "alerts":[..]}}</li>
 * <li>{@code GET /api/v1/admin/customers/{id}/stats} → {@code {"customerId","orderCount","totalSpentMinor":{..},
 *     "lastOrderAt"}} (zeros for a customer without orders)</li>
 * <li>{@code GET /api/v1/admin/skus/low-stock?page&size} → {@code {"items":[SKU stock views],"page","size","total"}},
 *     scarcest first</li>
 * </ul>
 */
@RestController
class AdminInsightsController {

    private static final int MAX_CUSTOMER_ID = 200;

    private final QueryGateway queries;
    private final Clock clock;

    AdminInsightsController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/api/v1/admin/dashboard")
    AdminOverview dashboard(@RequestParam(required = false) String date) {
        return queries.query(new AdminOverviewQuery(day(date)), AdminOverview.class).join();
    }

    @GetMapping("/api/v1/admin/metrics/daily")
    DailyMetrics daily(@RequestParam(required = false) String date) {
        return queries.query(new DailyMetricsQuery(day(date)), DailyMetrics.class).join();
    }

    @GetMapping("/api/v1/admin/customers/{id}/stats")
    CustomerStatsView customer(@PathVariable String id) {
        if (id.isBlank() || id.length() > MAX_CUSTOMER_ID) {
            throw AdminOrderSearchParameters.invalid("The customer id must be 1 to " + MAX_CUSTOMER_ID
                    + " characters.");
        }
        return queries.query(new FindCustomerStatsQuery(id), CustomerStatsView.class).join();
    }

    @GetMapping("/api/v1/admin/skus/low-stock")
    SkuPage lowStock(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return queries.query(new ListLowStockSkusQuery(AdminOrderSearchParameters.page(page, size)), SkuPage.class)
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
