package io.orderengine.saga.console;

import java.time.Instant;

/**
 * One checkout saga as its stored state says, for the operations console. Money in minor units.
 *
 * @param sagaId           the saga's identifier in the saga store
 * @param orderId          the order the checkout is for
 * @param orderNumber      the order's human number as the saga knows it; null before the saga learnt it
 * @param stage            RESERVING_STOCK, AUTHORIZING, AWAITING_PAYMENT, CAPTURING, CONFIRMED, CANCELLED, REFUNDING
 * @param beforePayment    whether the checkout still waits to be paid (reserving, authorizing, awaiting payment), so
 *                         the payment deadline applies to it
 * @param capturing        whether the saga is capturing the payment
 * @param failedStep       the gateway step that failed after its retries; null when none did
 * @param failure          the failed step's error; null when none did
 * @param provider         the payment provider's wire name (sandbox, stripe, paypal)
 * @param paymentReference the gateway's payment reference; null before payment was set up
 * @param totalMinor       what the checkout charges
 * @param currency         ISO currency of {@code totalMinor}
 * @param pendingRefunds   refunds asked for and not yet done at the gateway
 * @param deadline         the deadline the saga waits for (capture before payment); null when none is scheduled
 */
public record CheckoutSagaSnapshot(
        String sagaId,
        String orderId,
        String orderNumber,
        String stage,
        boolean beforePayment,
        boolean capturing,
        String failedStep,
        String failure,
        String provider,
        String paymentReference,
        long totalMinor,
        String currency,
        int pendingRefunds,
        PendingDeadline deadline) {

    /**
     * A deadline the saga waits for: {@code kind} payment (the customer has to pay by then) or capture (the last
     * capture attempt before the authorization expires); {@code attempts} deliveries tried so far, {@code parked}
     * when the deadline manager gave up delivering it, with its {@code lastError}.
     */
    public record PendingDeadline(String kind, Instant at, int attempts, boolean parked, String lastError) {}
}
