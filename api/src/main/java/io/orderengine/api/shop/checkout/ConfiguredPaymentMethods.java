package io.orderengine.api.shop.checkout;

import io.orderengine.api.security.DemoMode;
import io.orderengine.messages.order.PaymentMethod;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * A provider is offered only when its keys are set; the sandbox only in demo mode or when
 * {@code engine.payments.sandbox.enabled=true} (PRODUCT.md).
 */
@Component
class ConfiguredPaymentMethods implements PaymentMethodPolicy {

    private final boolean sandbox;
    private final boolean stripe;
    private final boolean paypal;

    ConfiguredPaymentMethods(Environment environment, DemoMode demoMode) {
        this.sandbox = environment.getProperty("engine.payments.sandbox.enabled", Boolean.class, demoMode.enabled());
        this.stripe = StringUtils.hasText(environment.getProperty("engine.payments.stripe.secret-key"));
        this.paypal = StringUtils.hasText(environment.getProperty("engine.payments.paypal.client-id"))
                && StringUtils.hasText(environment.getProperty("engine.payments.paypal.client-secret"));
    }

    @Override
    public boolean offered(PaymentMethod method) {
        return switch (method) {
            case SANDBOX -> sandbox;
            case STRIPE -> stripe;
            case PAYPAL -> paypal;
        };
    }
}
