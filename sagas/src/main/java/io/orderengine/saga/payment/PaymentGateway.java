package io.orderengine.saga.payment;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentMethod;

/**
 * The port to one payment provider (Stripe, PayPal, the sandbox). A payment is created at the gateway and
 * authorized by the customer there; the engine then captures it, cancels (voids) it, or refunds it.
 *
 * <p>Every call that changes money carries an idempotency key derived from the order and the step
 * ({@link IdempotencyKeys}): repeating a call with the same key never charges, captures or refunds twice.
 * Failures are {@link PaymentGatewayException}s that say whether trying again can help.
 */
public interface PaymentGateway {

    /** The provider this gateway talks to. */
    PaymentMethod method();

    /** Creates the payment for an order, to be authorized by the customer; says what the customer must do. */
    PaymentSession authorize(AuthorizationRequest request);

    /** Captures {@code amount} (all or part) of an authorized payment. Capturing a captured payment returns that capture. */
    Capture capture(String paymentReference, Money amount, String idempotencyKey);

    /** Cancels a payment that was not captured: the customer can no longer pay it, or the authorization is voided. */
    void cancel(String paymentReference, String idempotencyKey);

    /** Gives {@code amount} of a captured payment back to the customer. */
    Refund refund(String paymentReference, Money amount, String idempotencyKey);

    /** What the gateway knows about the payment now. */
    GatewayPayment retrieve(String paymentReference);
}
