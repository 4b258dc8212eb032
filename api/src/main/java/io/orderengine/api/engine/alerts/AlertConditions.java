package io.orderengine.api.engine.alerts;

import io.orderengine.api.engine.observability.ProcessorLag;
import io.orderengine.api.engine.observability.ProcessorsHealthIndicator;
import io.orderengine.messages.query.DailyMetricsQuery;
import io.orderengine.messages.query.ListLowStockSkusQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.metrics.DailyMetrics;
import io.orderengine.query.sku.SkuPage;
import io.orderengine.saga.reconciliation.ReconciliationReport;
import io.orderengine.saga.reconciliation.ReconciliationReports;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryGateway;

/**
 * What each {@link AlertRule} sees now: a detail in words when its condition holds, empty when it does not. Reads
 * the same sources as the screens and checks that show them: the day's order metrics (the dashboard), the
 * {@code processors} health check's states and dead-letter counts ({@link ProcessorLag}), the reconciliation
 * reports, and the low-stock list.
 */
class AlertConditions {

    /** Reports older than this many days are no longer "the latest" reconciliation. */
    private static final int RECONCILIATION_LOOK_BACK_DAYS = 7;

    private static final int LOW_STOCK_NAMED = 5;

    private final QueryGateway queries;
    private final ProcessorsHealthIndicator processors;
    private final ProcessorLag lag;
    private final ReconciliationReports reconciliations;
    private final Clock clock;

    AlertConditions(
            QueryGateway queries,
            ProcessorsHealthIndicator processors,
            ProcessorLag lag,
            ReconciliationReports reconciliations,
            Clock clock) {
        this.queries = queries;
        this.processors = processors;
        this.lag = lag;
        this.reconciliations = reconciliations;
        this.clock = clock;
    }

    /** The detail of {@code rule}'s condition when it holds now. */
    Optional<String> check(AlertRule rule) {
        return switch (rule) {
            case PAYMENT_SUCCESS_RATE_BELOW_80_PERCENT ->
                today().filter(m -> m.alerts().contains(rule.name()))
                        .map(m -> String.format(
                                "%d of %d payment attempts succeeded today.",
                                m.succeeded(), m.succeeded() + m.failed()));
            case TIME_TO_CONFIRM_ABOVE_60_SECONDS ->
                today().filter(m -> m.alerts().contains(rule.name()))
                        .map(m -> String.format(
                                "Average time to confirm today: %d s.", m.averageTimeToConfirmMillis() / 1000));
            case PROCESSOR_STALLED -> stalledProcessors();
            case DEAD_LETTERS_PRESENT -> deadLetters();
            case RECONCILIATION_DIFFERENCES -> reconciliationDifferences();
            case LOW_STOCK -> lowStock();
        };
    }

    private Optional<DailyMetrics> today() {
        return Optional.ofNullable(queries.query(new DailyMetricsQuery(LocalDate.now(clock)), DailyMetrics.class)
                .join());
    }

    private Optional<String> stalledProcessors() {
        String stalled = processors.states().entrySet().stream()
                .filter(state ->
                        state.getValue().equals("error") || state.getValue().equals("behind"))
                .map(state -> state.getKey() + " (" + state.getValue() + ")")
                .collect(Collectors.joining(", "));
        return stalled.isEmpty() ? Optional.empty() : Optional.of("Processors: " + stalled + ".");
    }

    private Optional<String> deadLetters() {
        Map<String, Long> letters = lag.deadLetters();
        String present = letters.entrySet().stream()
                .filter(group -> group.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(group -> group.getKey() + ": " + group.getValue())
                .collect(Collectors.joining(", "));
        return present.isEmpty()
                ? Optional.empty()
                : Optional.of("Dead-letter sequences by processor: " + present + ".");
    }

    private Optional<String> reconciliationDifferences() {
        LocalDate today = LocalDate.now(clock);
        for (int back = 0; back <= RECONCILIATION_LOOK_BACK_DAYS; back++) {
            Optional<ReconciliationReport> report = reconciliations.find(today.minusDays(back));
            if (report.isPresent()) {
                ReconciliationReport latest = report.get();
                return latest.status() == ReconciliationReport.Status.DIFFERENCES
                        ? Optional.of(String.format(
                                "%d differences in the reconciliation of %s.",
                                latest.differences().size(), latest.date()))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<String> lowStock() {
        SkuPage low = queries.query(new ListLowStockSkusQuery(PageRequest.first(LOW_STOCK_NAMED)), SkuPage.class)
                .join();
        if (low == null || low.total() == 0) {
            return Optional.empty();
        }
        String named = low.items().stream()
                .map(sku -> sku.sku() + " (" + sku.available() + " available)")
                .collect(Collectors.joining(", "));
        String more = low.total() > low.items().size()
                ? " and " + (low.total() - low.items().size()) + " more"
                : "";
        String count = low.total() == 1 ? "1 SKU is" : low.total() + " SKUs are";
        return Optional.of(count + " at or below the low-stock threshold: " + named + more + ".");
    }
}
