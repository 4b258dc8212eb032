package io.orderengine.saga.checkout;

import static io.orderengine.saga.checkout.CheckoutSteps.CHECKOUT;

import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;

/**
 * The checkout's payment attempts: after a failed payment the order keeps its stock and waits (AWAITING_PAYMENT,
 * payment FAILED) for the customer to try again, while fewer than {@link CheckoutPolicy#maxPaymentAttempts()}
 * attempts were made; a new attempt sets up a new payment at the gateway with keys of its own. After the last failed
 * attempt (or at the payment deadline) the checkout is given up as before.
 */
final class PaymentAttempts {

    private final CheckoutPolicy policy;
    private final CheckoutState state;

    PaymentAttempts(CheckoutPolicy policy, CheckoutState state) {
        this.policy = policy;
        this.state = state;
    }

    /**
     * Takes in the failure of the current attempt: true when the checkout waits for another (also when this failure
     * was already taken in, e.g. the order's event of a failure the saga recorded itself), false when it is to be given
     * up: no attempt is left, or the order never waited for payment (its payment could not even be set up).
     */
    boolean waitForAnother() {
        if (state.failedAttempt == state.attempt()) {
            return true;
        }
        boolean awaited =
                state.paymentAwaited || state.stage == Stage.AWAITING_PAYMENT || state.stage == Stage.CAPTURING;
        if (!awaited || state.attempt() >= policy.maxPaymentAttempts()) {
            return false;
        }
        state.failedAttempt = state.attempt();
        state.stage = Stage.AWAITING_PAYMENT;
        return true;
    }

    /**
     * The customer started a new attempt: true when the checkout is to set up its payment (the checkout waits after
     * a failure and has not seen this attempt yet). The failed attempt's payment reference is dropped.
     */
    boolean start(PaymentAttemptStartedEvent event) {
        if (!CHECKOUT.accepts(PaymentAttemptStartedEvent.class, state.stage) || event.attempt() <= state.attempt()) {
            return false;
        }
        state.attempt = event.attempt();
        state.provider = event.provider();
        state.paymentReference = null;
        state.paymentVoided = false;
        state.stage = Stage.AUTHORIZING;
        return true;
    }
}
