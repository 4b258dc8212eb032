package io.orderengine.saga.checkout;

import io.orderengine.infrastructure.deadline.MongoDeadlineManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.deadline.DeadlineManager;

/**
 * The two deadlines of a checkout: the payment deadline (the customer has to pay by then) and, once the money is
 * held but could not be captured, the capture deadline (the last attempt before the authorization expires). Their
 * ids are kept in the state so they can be cancelled, and so a deadline that was cancelled or replaced while the
 * deadline store was already delivering it is told apart from the one the checkout waits for.
 */
final class CheckoutDeadlines {

    static final String PAYMENT = "checkout-payment-deadline";
    static final String CAPTURE = "checkout-capture-deadline";
    /** The metadata entry naming the schedule a delivered deadline came from. */
    static final String SCHEDULE_ID = MongoDeadlineManager.SCHEDULE_ID;

    private final DeadlineManager deadlineManager;
    private final CheckoutPolicy policy;
    private final CheckoutState state;

    CheckoutDeadlines(DeadlineManager deadlineManager, CheckoutPolicy policy, CheckoutState state) {
        this.deadlineManager = deadlineManager;
        this.policy = policy;
        this.state = state;
    }

    /** Schedules the payment deadline of an order placed at {@code placedAt}; returns when it falls. */
    Instant schedulePayment(Instant placedAt) {
        Instant at = placedAt.plus(policy.paymentDeadline());
        state.paymentDeadlineId = deadlineManager.schedule(at, PAYMENT);
        return at;
    }

    /** The payment deadline counted again from {@code from}: the customer has the whole time to pay a new total. */
    void restartPayment(Instant from) {
        cancelPayment();
        schedulePayment(from);
    }

    /** Why the checkout is given up when the payment deadline falls. */
    String paymentMissed() {
        Duration deadline = policy.paymentDeadline();
        return "payment not received within "
                + (deadline.toSecondsPart() == 0 && deadline.toMinutes() > 0
                        ? deadline.toMinutes() + " minutes"
                        : deadline.toSeconds() + " seconds");
    }

    /**
     * The payment deadline no longer applies once the money is held: the authorization's own expiry does. The last
     * capture attempt is the capture margin before it ({@code authorizationExpiry}, asked only when no capture
     * deadline is set yet), or before the default authorization validity counted from {@code now}.
     */
    void scheduleLastCapture(Instant now, Supplier<Optional<Instant>> authorizationExpiry) {
        if (state.captureDeadlineId != null) {
            return;
        }
        Instant lastAttempt = authorizationExpiry
                .get()
                .map(expiry -> expiry.minus(policy.captureMargin()))
                .orElseGet(() -> now.plus(policy.defaultAuthorizationValidity()).minus(policy.captureMargin()));
        cancelPayment();
        state.captureDeadlineId = deadlineManager.schedule(lastAttempt, CAPTURE);
    }

    /**
     * Whether the payment deadline delivered from schedule {@code scheduleId} is the one the checkout waits for: not
     * one cancelled or replaced (by an edit's restart) while it was on its way. The checkout then no longer waits for
     * it. A delivery that names no schedule (a deadline manager that does not name them) is taken as current.
     */
    boolean paymentFell(String scheduleId) {
        if (scheduleId != null && !scheduleId.equals(state.paymentDeadlineId)) {
            return false;
        }
        state.paymentDeadlineId = null;
        return true;
    }

    /** {@link #paymentFell} for the capture deadline. */
    boolean captureFell(String scheduleId) {
        if (scheduleId != null && !scheduleId.equals(state.captureDeadlineId)) {
            return false;
        }
        state.captureDeadlineId = null;
        return true;
    }

    /**
     * No deadline of this checkout remains: every payment and capture deadline of this saga goes, whatever its id. The
     * saga's state and the deadline store are written one after the other when the unit of work commits, so a crash
     * in between can leave a deadline the saved state no longer names; the event handled again after the crash then
     * removes it (TwoEngineInstancesTest's kill -9 found one left open for a confirmed order).
     */
    void cancelAll() {
        deadlineManager.cancelAllWithinScope(PAYMENT);
        deadlineManager.cancelAllWithinScope(CAPTURE);
        state.paymentDeadlineId = null;
        state.captureDeadlineId = null;
    }

    private void cancelPayment() {
        if (state.paymentDeadlineId != null) {
            deadlineManager.cancelSchedule(PAYMENT, state.paymentDeadlineId);
            state.paymentDeadlineId = null;
        }
    }
}
