package io.orderengine.saga.payment;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Which payment beans exist, decided from {@code engine.payments.*} as bound into {@link PaymentsProperties}. */
final class PaymentsConditions {

    private PaymentsConditions() {}

    static PaymentsProperties properties(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bindOrCreate("engine.payments", PaymentsProperties.class);
    }

    /** A Stripe secret key is set. */
    static final class StripeConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return properties(context).stripe().configured();
        }
    }

    /** A Stripe secret key and a webhook signing secret are set. */
    static final class StripeWebhooksConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            PaymentsProperties.Stripe stripe = properties(context).stripe();
            return stripe.configured()
                    && stripe.webhookSecret() != null
                    && !stripe.webhookSecret().isBlank();
        }
    }

    /** PayPal client id and secret are set. */
    static final class PayPalConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return properties(context).paypal().configured();
        }
    }

    /** PayPal credentials and the webhook id are set. */
    static final class PayPalWebhooksConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            PaymentsProperties.PayPal paypal = properties(context).paypal();
            return paypal.configured()
                    && paypal.webhookId() != null
                    && !paypal.webhookId().isBlank();
        }
    }
}
