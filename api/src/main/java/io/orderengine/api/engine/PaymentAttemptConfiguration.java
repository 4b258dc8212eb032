package io.orderengine.api.engine;

import io.orderengine.command.order.PaymentAttemptPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How many payment attempts an order may make ({@code engine.payments.max-attempts}, default 3). */
@Configuration(proxyBeanMethods = false)
public class PaymentAttemptConfiguration {

    @Bean
    public PaymentAttemptPolicy paymentAttemptPolicy(
            @Value("${engine.payments.max-attempts:" + PaymentAttemptPolicy.DEFAULT_MAX_ATTEMPTS + "}")
                    int maxAttempts) {
        return new PaymentAttemptPolicy(maxAttempts);
    }
}
