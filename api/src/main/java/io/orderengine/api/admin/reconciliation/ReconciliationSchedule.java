package io.orderengine.api.admin.reconciliation;

import io.orderengine.saga.reconciliation.Reconciliation;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reconciles the previous UTC day every day, at {@code engine.reconciliation.cron} (a Spring cron expression in UTC;
 * default {@code 0 0 3 * * *}, 03:00 UTC; {@code -} turns the schedule off). A failed run is logged; the day can be
 * run again by an admin.
 */
@Component
class ReconciliationSchedule {

    static final String DEFAULT_CRON = "0 0 3 * * *";
    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final Reconciliation reconciliation;
    private final Clock clock;

    ReconciliationSchedule(Reconciliation reconciliation, Clock clock) {
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    @Scheduled(cron = "${engine.reconciliation.cron:" + DEFAULT_CRON + "}", zone = "UTC")
    void reconcileYesterday() {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        try {
            reconciliation.run(yesterday);
        } catch (RuntimeException e) {
            log.error(
                    "reconciliation of {} failed; run it again with POST /api/v1/admin/reconciliation/run?date={}",
                    yesterday,
                    yesterday,
                    e);
        }
    }
}
