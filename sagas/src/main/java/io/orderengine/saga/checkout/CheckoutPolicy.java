package io.orderengine.saga.checkout;

import java.time.Duration;
import java.util.Objects;

/**
 * The checkout's time rules. {@code paymentDeadline}: how long the customer has to pay before the checkout is
 * given up (stock released, order cancelled). {@code captureMargin}: how long before an authorization expires
 * the last capture attempt runs. {@code defaultAuthorizationValidity}: how long an authorization is assumed to
 * last when the gateway does not say (Stripe's card authorizations last 7 days).
 */
public record CheckoutPolicy(Duration paymentDeadline, Duration captureMargin, Duration defaultAuthorizationValidity) {

    public CheckoutPolicy {
        Objects.requireNonNull(paymentDeadline, "paymentDeadline");
        Objects.requireNonNull(captureMargin, "captureMargin");
        Objects.requireNonNull(defaultAuthorizationValidity, "defaultAuthorizationValidity");
        if (paymentDeadline.isNegative() || paymentDeadline.isZero()) {
            throw new IllegalArgumentException("the payment deadline must be positive");
        }
    }

    public static CheckoutPolicy withPaymentDeadline(Duration paymentDeadline) {
        return new CheckoutPolicy(paymentDeadline, Duration.ofHours(1), Duration.ofDays(7));
    }
}
