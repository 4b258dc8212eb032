package io.orderengine.query.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Order and payment metrics of one UTC day. {@code orders} were placed that day; {@code succeeded} payments were
 * captured and {@code failed} payments failed that day; {@code paymentSuccessRate} is succeeded / (succeeded + failed)
 * between 0 and 1, null without attempts. {@code averageOrderValueMinor} averages the totals of the day's orders per
 * currency; {@code averageTimeToConfirmMillis} averages placement-to-confirmation of the orders confirmed that day,
 * null without confirmations; {@code revenueMinor} is captured minus refunded that day per currency.
 * {@code returnedUnits} came back that day (returns received) and {@code refundedMinor} was refunded that day per
 * currency (returns and every other refund). {@code alert} is true when {@code alerts} names at least one of {@value MetricsAlertPolicy#LOW_SUCCESS_RATE} and
 * {@value MetricsAlertPolicy#SLOW_CONFIRMATION}.
 */
public record DailyMetrics(
        LocalDate date,
        long orders,
        long succeeded,
        long failed,
        Double paymentSuccessRate,
        Map<String, Long> averageOrderValueMinor,
        Long averageTimeToConfirmMillis,
        Map<String, Long> revenueMinor,
        boolean alert,
        List<String> alerts,
        long returnedUnits,
        Map<String, Long> refundedMinor) {

    public DailyMetrics {
        alerts = List.copyOf(alerts);
        refundedMinor = refundedMinor == null ? Map.of() : Map.copyOf(refundedMinor);
    }
}
