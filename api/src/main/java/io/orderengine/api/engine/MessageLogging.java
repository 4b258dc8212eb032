package io.orderengine.api.engine;

import io.orderengine.infrastructure.logging.MessageMdc;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Log lines written while a message is handled carry its correlation id and order id ({@link MessageMdc}): on the
 * command bus here, on every event processor (and so every saga) in {@link ProcessingGroups}. Axon's
 * {@link MessageOriginProvider} puts the correlation id into every message caused by another (defining any
 * correlation data provider bean replaces Axon's default list, so it is declared here).
 */
@Configuration(proxyBeanMethods = false)
public class MessageLogging {

    @Bean
    public MessageMdc messageMdc() {
        return new MessageMdc();
    }

    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    public InitializingBean commandBusMdc(CommandBus commandBus, MessageMdc messageMdc) {
        return () -> commandBus.registerHandlerInterceptor(messageMdc);
    }
}
