package io.orderengine.saga.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The reconciliation of one UTC day: how many payments, captures and refunds were compared, every difference
 * found, what was done about each order concerned, and the payments that could not be checked (gateway down, or
 * provider no longer configured). {@code status}: CLEAN, DIFFERENCES (see {@code differences}), or INCOMPLETE
 * (no difference in what was checked, but some payments were not) — always derived from the lists, whatever is passed.
 */
public record ReconciliationReport(
        LocalDate date,
        Instant ranAt,
        Status status,
        int paymentsChecked,
        int capturesChecked,
        int refundsChecked,
        List<Discrepancy> differences,
        List<OrderFollowUp> followUps,
        List<UncheckedPayment> unchecked) {

    /** The day's verdict. */
    public enum Status {
        CLEAN,
        DIFFERENCES,
        INCOMPLETE
    }

    public ReconciliationReport {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(ranAt, "ranAt");
        differences = differences == null ? List.of() : List.copyOf(differences);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
        unchecked = unchecked == null ? List.of() : List.copyOf(unchecked);
        status = !differences.isEmpty() ? Status.DIFFERENCES : !unchecked.isEmpty() ? Status.INCOMPLETE : Status.CLEAN;
    }

    /** A report whose status follows from what it found. */
    public static ReconciliationReport of(
            LocalDate date,
            Instant ranAt,
            int paymentsChecked,
            int capturesChecked,
            int refundsChecked,
            List<Discrepancy> differences,
            List<OrderFollowUp> followUps,
            List<UncheckedPayment> unchecked) {
        return new ReconciliationReport(
                date, ranAt, null, paymentsChecked, capturesChecked, refundsChecked, differences, followUps, unchecked);
    }

    /**
     * What was done about an order with differences: FLAGGED (moved to ATTENTION), NOTED (the order has ended and
     * cannot go to ATTENTION, so an admin note was added; {@code detail} says why), or FAILED (neither worked).
     * {@code repeated} is true when an earlier run of the same day already did this for the same differences,
     * so nothing was sent again.
     */
    public record OrderFollowUp(String orderId, Action action, String detail, boolean repeated) {

        /** What happened to the order. */
        public enum Action {
            FLAGGED,
            NOTED,
            FAILED
        }
    }

    /** A payment the gateway could not be asked about; it is compared again by the next run of the day. */
    public record UncheckedPayment(String provider, String orderId, String paymentReference, String reason) {}
}
