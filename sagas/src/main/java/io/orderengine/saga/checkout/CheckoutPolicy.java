package io.orderengine.saga.checkout;

import java.time.Duration;
import java.util.Objects;

/**
 * The checkout's time rules. {@code paymentDeadline}: how long the customer has to pay before the checkout is
 * given up (stock released, order cancelled). {@code captureMargin}: how long before an authorization expires
 * the last capture attempt runs. {@code defaultAuthorizationValidity}: how long an authorization is assumed to
 * last when the gateway does not say (Stripe's card authorizations last 7 days). {@code maxPaymentAttempts}: how many
 * payments the customer may try ({@code engine.payments.max-attempts}); after a failed one the checkout waits for the
 * next attempt, after the last it is given up.
 */
public record CheckoutPolicy(
        Duration paymentDeadline,
        Duration captureMargin,
        Duration defaultAuthorizationValidity,
        int maxPaymentAttempts) {

    public static final int DEFAULT_MAX_PAYMENT_ATTEMPTS = 3;

    public CheckoutPolicy {
        Objects.requireNonNull(paymentDeadline, "paymentDeadline");
        Objects.requireNonNull(captureMargin, "captureMargin");
        Objects.requireNonNull(defaultAuthorizationValidity, "defaultAuthorizationValidity");
        if (paymentDeadline.isNegative() || paymentDeadline.isZero()) {
            throw new IllegalArgumentException("the payment deadline must be positive");
        }
        if (maxPaymentAttempts < 1) {
            throw new IllegalArgumentException("engine.payments.max-attempts must be at least 1");
        }
    }

    public CheckoutPolicy(Duration paymentDeadline, Duration captureMargin, Duration defaultAuthorizationValidity) {
        this(paymentDeadline, captureMargin, defaultAuthorizationValidity, DEFAULT_MAX_PAYMENT_ATTEMPTS);
    }

    public static CheckoutPolicy withPaymentDeadline(Duration paymentDeadline) {
        return new CheckoutPolicy(paymentDeadline, Duration.ofHours(1), Duration.ofDays(7));
    }

    public CheckoutPolicy withMaxPaymentAttempts(int maxAttempts) {
        return new CheckoutPolicy(paymentDeadline, captureMargin, defaultAuthorizationValidity, maxAttempts);
    }
}
