package io.orderengine.saga.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment settings operators set under {@code engine.payments}: the payment deadline, the keys of each
 * provider, and how hard gateway calls are tried ({@code resilience}). A provider whose keys are not set has no
 * gateway and is not offered. Whether checkout offers the sandbox ({@code engine.payments.sandbox.enabled}, by
 * default only in demo mode) is decided by the API.
 */
@ConfigurationProperties("engine.payments")
public record PaymentsProperties(
        @DefaultValue("30m") Duration deadline,
        @DefaultValue Stripe stripe,
        @DefaultValue PayPal paypal,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Resilience resilience) {

    public PaymentsProperties {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("engine.payments.deadline must be a positive duration");
        }
    }

    /** Stripe keys; {@code apiBase} points the SDK elsewhere than api.stripe.com (tests, stripe-mock). */
    public record Stripe(String secretKey, String publishableKey, String webhookSecret, String apiBase) {
        public boolean configured() {
            return hasText(secretKey);
        }
    }

    /** PayPal REST app credentials; {@code baseUrl} unset means the live API (https://api-m.paypal.com). */
    public record PayPal(String clientId, String clientSecret, String webhookId, String baseUrl) {
        public boolean configured() {
            return hasText(clientId) && hasText(clientSecret);
        }
    }

    /** Whether checkout offers the built-in sandbox gateway; null means "in demo mode only" (decided by the API). */
    public record Sandbox(Boolean enabled) {}

    /**
     * Retries and circuit breaker of every gateway call ({@code engine.payments.resilience.*}): {@code maxAttempts}
     * tries per call, {@code initialBackoff} before the second, multiplied by {@code backoffMultiplier} each time;
     * the breaker of a provider opens when {@code failureRateThreshold} percent of its last {@code slidingWindowSize}
     * calls failed, and lets a trial call through after {@code openStateWait}. {@code timeout} bounds the connection
     * and the wait for each answer of Stripe and PayPal.
     */
    public record Resilience(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double backoffMultiplier,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("30s") Duration openStateWait,
            @DefaultValue("20s") Duration timeout) {
        public Resilience {
            if (maxAttempts < 1)
                throw new IllegalArgumentException("engine.payments.resilience.max-attempts must be at least 1");
            if (backoffMultiplier < 1)
                throw new IllegalArgumentException("engine.payments.resilience.backoff-multiplier must be at least 1");
            if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
                throw new IllegalArgumentException(
                        "engine.payments.resilience.failure-rate-threshold must be in (0, 100]");
            }
            if (slidingWindowSize < 1)
                throw new IllegalArgumentException("engine.payments.resilience.sliding-window-size must be at least 1");
            requirePositive("initial-backoff", initialBackoff);
            requirePositive("open-state-wait", openStateWait);
            requirePositive("timeout", timeout);
        }

        /** The retry and breaker policy these settings describe. */
        public ResilientPaymentGateway.Policy policy() {
            return new ResilientPaymentGateway.Policy(
                    maxAttempts,
                    initialBackoff,
                    backoffMultiplier,
                    failureRateThreshold,
                    slidingWindowSize,
                    openStateWait);
        }

        /** {@link #timeout} in whole milliseconds, as the SDKs take it. */
        public int timeoutMillis() {
            return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(
                        "engine.payments.resilience." + name + " must be a positive duration");
            }
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
