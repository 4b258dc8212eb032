package io.orderengine.saga.checkout;

import io.orderengine.saga.payment.PaymentsProperties;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the checkout saga needs besides the payment beans: its time rules (payment deadline from
 * {@code engine.payments.deadline}) and the handler of admin retry/compensate commands.
 */
@Configuration(proxyBeanMethods = false)
public class CheckoutConfiguration {

    @Bean
    CheckoutPolicy checkoutPolicy(PaymentsProperties properties) {
        return CheckoutPolicy.withPaymentDeadline(properties.deadline());
    }

    @Bean
    CheckoutAdminCommandHandler checkoutAdminCommandHandler(EventGateway eventGateway) {
        return new CheckoutAdminCommandHandler(eventGateway);
    }
}
