package io.orderengine.api.admin.checkouts;

import java.time.Instant;
import java.util.List;

/**
 * One checkout saga as the operations console shows it: where the checkout is ({@code stage}, and the gateway step
 * that failed, if one did), how old the order is, which deadline the saga waits for, the last error known, and why
 * it counts as stuck. Money in minor units.
 *
 * @param sagaId         the saga's identifier in the saga store
 * @param orderId        the order the checkout is for; retry and compensate address the saga by it
 * @param orderNumber    the order's human number
 * @param stage          the saga's stage (RESERVING_STOCK, AUTHORIZING, AWAITING_PAYMENT, CAPTURING, CONFIRMED,
 *                       CANCELLED, REFUNDING)
 * @param failedStep     the gateway step that failed after its retries (AUTHORIZE, CAPTURE, COMPENSATE,
 *                       CANCEL_PAYMENT, REFUND), null when none did
 * @param orderStatus    the order's status in the read model; null while the read model has not seen the order
 * @param provider       the payment provider (sandbox, stripe, paypal)
 * @param paymentReference the gateway's payment reference; null before payment was set up
 * @param totalMinor     what the checkout charges
 * @param currency       ISO currency of {@code totalMinor}
 * @param placedAt       when the order was placed; null while the read model has not seen the order
 * @param ageSeconds     seconds since {@code placedAt}; null with it
 * @param paymentDueAt   when the payment deadline gives the checkout up ({@code placedAt} + the configured payment
 *                       deadline); null once paid or when the order is unknown
 * @param deadline       the deadline the saga has scheduled and not yet had delivered; null when none is pending
 * @param lastError      the latest error known: the failed step's error, a failing deadline delivery, or the note
 *                       the order was put into ATTENTION with
 * @param pendingRefunds refunds asked for and not yet done at the gateway
 * @param stuck          whether a human should look at it (see {@code stuckBecause})
 * @param stuckBecause   {@code payment-deadline-passed}, {@code order-in-attention}, {@code step-failed},
 *                       {@code deadline-parked}; empty when not stuck
 */
public record RunningCheckout(
        String sagaId,
        String orderId,
        String orderNumber,
        String stage,
        String failedStep,
        String orderStatus,
        String provider,
        String paymentReference,
        long totalMinor,
        String currency,
        Instant placedAt,
        Long ageSeconds,
        Instant paymentDueAt,
        PendingDeadline deadline,
        String lastError,
        int pendingRefunds,
        boolean stuck,
        List<String> stuckBecause) {

    public RunningCheckout {
        stuckBecause = List.copyOf(stuckBecause);
    }

    /**
     * A deadline the saga waits for: {@code kind} payment (the customer has to pay by then) or capture (the last
     * capture attempt before the authorization expires); {@code attempts} deliveries tried so far, {@code parked}
     * when the deadline manager gave up delivering it, with its {@code lastError}.
     */
    public record PendingDeadline(String kind, Instant at, int attempts, boolean parked, String lastError) {}
}
