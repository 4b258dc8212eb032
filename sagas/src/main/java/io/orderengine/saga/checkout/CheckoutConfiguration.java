package io.orderengine.saga.checkout;

import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.payment.PaymentsProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the checkout saga needs besides the payment beans: its time rules (payment deadline from
 * {@code engine.payments.deadline}), the handler of admin retry/compensate commands, and the sender of its
 * commands, which stores their effects before a step is marked done.
 */
@Configuration(proxyBeanMethods = false)
public class CheckoutConfiguration {

    @Bean
    CheckoutPolicy checkoutPolicy(PaymentsProperties properties) {
        return CheckoutPolicy.withPaymentDeadline(properties.deadline());
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
