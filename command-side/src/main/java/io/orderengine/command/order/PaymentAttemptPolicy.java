package io.orderengine.command.order;

/**
 * How many payment attempts one order may make ({@code engine.payments.max-attempts}, default 3): the checkout's
 * first payment counts as attempt 1. Passed to the {@link Order}'s handler as a resource.
 */
public record PaymentAttemptPolicy(int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public PaymentAttemptPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("engine.payments.max-attempts must be at least 1");
        }
    }
}
