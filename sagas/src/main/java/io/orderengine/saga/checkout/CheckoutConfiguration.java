package io.orderengine.saga.checkout;

import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.payment.PaymentsProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the checkout saga needs besides the payment beans: its rules (payment deadline from
 * {@code engine.payments.deadline}, payment attempts from {@code engine.payments.max-attempts}), the handler of admin
 * retry/compensate commands, and the sender of its commands, which stores their effects before a step is marked done.
 */
@Configuration(proxyBeanMethods = false)
public class CheckoutConfiguration {

    @Bean
    CheckoutPolicy checkoutPolicy(
            PaymentsProperties properties,
            @Value("${engine.payments.max-attempts:" + CheckoutPolicy.DEFAULT_MAX_PAYMENT_ATTEMPTS + "}")
                    int maxAttempts) {
        return CheckoutPolicy.withPaymentDeadline(properties.deadline()).withMaxPaymentAttempts(maxAttempts);
    }

    @Bean(destroyMethod = "close")
    StepCommands stepCommands(CommandGateway commandGateway) {
        return new StepCommands(commandGateway);
    }

    @Bean
    CheckoutAdminCommandHandler checkoutAdminCommandHandler(EventGateway eventGateway) {
        return new CheckoutAdminCommandHandler(eventGateway);
    }
}
