package io.orderengine.api.admin.eventlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderengine.infrastructure.eventstore.EventLogJobs;
import io.orderengine.infrastructure.eventstore.EventLogVerifier.EventLogVerification;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins ask whether the event log is intact ({@code GET /api/v1/admin/event-log/verification}): the events committed
 * so far are chained first, then the whole hash chain is recomputed (docs/security.md, "A log that shows tampering").
 * Answers {@code {"verified":true,"events":N,"head":"<hex>","at":…}} or
 * {@code {"verified":false,"firstBrokenPosition":P,"reason":…,"at":…}}: a broken chain is a finding, not an error.
 */
@RestController
class EventLogController {

    private final EventLogJobs jobs;

    EventLogController(EventLogJobs jobs) {
        this.jobs = jobs;
    }

    /** The verification's answer; fields that do not apply to the outcome are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verification(
            boolean verified, Long events, String head, Instant at, Long firstBrokenPosition, String reason) {

        static Verification of(EventLogVerification outcome) {
            return outcome.verified()
                    ? new Verification(true, outcome.events(), outcome.head(), outcome.at(), null, null)
                    : new Verification(
                            false, null, null, outcome.at(), outcome.firstBrokenPosition(), outcome.reason());
        }
    }

    @GetMapping("/api/v1/admin/event-log/verification")
    Verification verification() {
        return Verification.of(jobs.verifyNow());
    }
}
