package io.orderengine.query.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When the day's payments look unhealthy: fewer than 80 % of payment attempts succeeded, or orders took more than
 * 60 seconds on average from placement to confirmation. A day without attempts or confirmations raises nothing.
 */
final class MetricsAlertPolicy {

    static final String LOW_SUCCESS_RATE = "PAYMENT_SUCCESS_RATE_BELOW_80_PERCENT";
    static final String SLOW_CONFIRMATION = "TIME_TO_CONFIRM_ABOVE_60_SECONDS";

    static final int MIN_SUCCESS_PERCENT = 80;
    static final Duration MAX_AVERAGE_TIME_TO_CONFIRM = Duration.ofSeconds(60);

    private MetricsAlertPolicy() {}

    static List<String> alerts(long succeeded, long failed, Long averageTimeToConfirmMillis) {
        List<String> alerts = new ArrayList<>();
        long attempts = succeeded + failed;
        // Integer comparison: succeeded / attempts < 80 / 100 without rounding surprises at the boundary.
        if (attempts > 0 && succeeded * 100 < MIN_SUCCESS_PERCENT * attempts) {
            alerts.add(LOW_SUCCESS_RATE);
        }
        if (averageTimeToConfirmMillis != null && averageTimeToConfirmMillis > MAX_AVERAGE_TIME_TO_CONFIRM.toMillis()) {
            alerts.add(SLOW_CONFIRMATION);
        }
        return alerts;
    }
}
