package io.orderengine.saga.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The payment settings operators set under {@code engine.payments}: the payment deadline, and the keys of each
 * provider. A provider whose keys are not set has no gateway and is not offered. Whether checkout offers the sandbox
 * ({@code engine.payments.sandbox.enabled}, by default only in demo mode) is decided by the API.
 */
@ConfigurationProperties("engine.payments")
public record PaymentsProperties(@DefaultValue("30m") Duration deadline, @DefaultValue Stripe stripe,
                                 @DefaultValue PayPal paypal, @DefaultValue Sandbox sandbox) {

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
    public record Sandbox(Boolean enabled) {
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
