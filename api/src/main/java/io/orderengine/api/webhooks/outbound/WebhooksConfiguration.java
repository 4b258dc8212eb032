package io.orderengine.api.webhooks.outbound;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook outbox processor starts, the first time, at the head of the event stream: registering webhooks on an
 * existing store does not post the shop's whole history. (Endpoints only get events that happen after they were
 * registered anyway.)
 */
@Configuration(proxyBeanMethods = false)
public class WebhooksConfiguration {

    @Bean
    public ConfigurerModule webhookOutboxProcessing() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                WebhookOutbox.PROCESSING_GROUP,
                (c, builder) -> builder.initialToken(source -> source.createHeadToken()));
    }
}
