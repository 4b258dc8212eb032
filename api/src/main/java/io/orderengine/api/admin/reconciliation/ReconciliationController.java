package io.orderengine.api.admin.reconciliation;

import io.orderengine.api.web.ApiException;
import io.orderengine.saga.reconciliation.Reconciliation;
import io.orderengine.saga.reconciliation.ReconciliationReport;
import io.orderengine.saga.reconciliation.ReconciliationReports;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins run the payment reconciliation of a UTC day on demand ({@code POST /api/v1/admin/reconciliation/run?date=}, by
 * default yesterday) and read a day's report ({@code GET /api/v1/admin/reconciliation/{date}}). Running a day again
 * replaces its report; orders already flagged for the same differences are not flagged again.
 */
@RestController
class ReconciliationController {

    private final Reconciliation reconciliation;
    private final ReconciliationReports reports;
    private final Clock clock;

    ReconciliationController(Reconciliation reconciliation, ReconciliationReports reports, Clock clock) {
        this.reconciliation = reconciliation;
        this.reports = reports;
        this.clock = clock;
    }

    @PostMapping("/api/v1/admin/reconciliation/run")
    ReconciliationReport run(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        LocalDate today = LocalDate.now(clock);
        LocalDate day = date == null ? today.minusDays(1) : date;
        if (day.isAfter(today)) {
            throw ApiException.badRequest(
                    "reconciliation-date-in-future",
                    "A day can be reconciled from its start on; " + day + " has not begun (UTC).");
        }
        return reconciliation.run(day);
    }

    @GetMapping("/api/v1/admin/reconciliation/{date}")
    ReconciliationReport report(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return reports.find(date).orElseThrow(() -> ApiException.notFound("Reconciliation report of " + date));
    }
}
