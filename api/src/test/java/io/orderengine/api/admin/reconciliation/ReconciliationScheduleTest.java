package io.orderengine.api.admin.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.orderengine.saga.reconciliation.Reconciliation;
import io.orderengine.testkit.CapturedLog;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

class ReconciliationScheduleTest {

    @Test
    void byDefaultItRunsDailyAtThreeUtcAndTheCronCanBeSet() throws Exception {
        Method job = ReconciliationSchedule.class.getDeclaredMethod("reconcileYesterday");
        Scheduled scheduled = job.getAnnotation(Scheduled.class);

        assertThat(scheduled.zone()).isEqualTo("UTC");
        assertThat(scheduled.cron()).isEqualTo("${engine.reconciliation.cron:0 0 3 * * *}");
        ZonedDateTime next = CronExpression.parse(ReconciliationSchedule.DEFAULT_CRON)
                .next(ZonedDateTime.of(LocalDateTime.parse("2025-11-22T10:00:00"), ZoneOffset.UTC));
        assertThat(next).isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2025-11-23T03:00:00"), ZoneOffset.UTC));
    }

    @Test
    void eachRunReconcilesThePreviousUtcDayAndAFailureDoesNotEscape() {
        Reconciliation reconciliation = mock(Reconciliation.class);
        when(reconciliation.run(LocalDate.parse("2025-11-21"))).thenThrow(new IllegalStateException("store down"));
        ReconciliationSchedule schedule = new ReconciliationSchedule(
                reconciliation, Clock.fixed(Instant.parse("2025-11-22T00:30:00Z"), ZoneOffset.UTC));

        // what the schedule logs is asserted below, not written to the build's output
        List<ILoggingEvent> logged;
        try (CapturedLog log = CapturedLog.of(ReconciliationSchedule.class)) {
            schedule.reconcileYesterday();
            logged = log.events();
        }

        verify(reconciliation).run(LocalDate.parse("2025-11-21"));
        assertThat(logged).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage())
                    .isEqualTo("reconciliation of 2025-11-21 failed; run it again with"
                            + " POST /api/v1/admin/reconciliation/run?date=2025-11-21");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("store down");
        });
    }
}
