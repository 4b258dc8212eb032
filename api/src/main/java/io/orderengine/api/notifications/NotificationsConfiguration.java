package io.orderengine.api.notifications;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notification processor's Axon settings: events whose email could not be sent go to the Mongo dead-letter
 * queue (later events of the same order queue up behind them, so a customer never gets "shipped" before
 * "confirmed"), and a processor that starts for the first time begins at the head of the event stream, so deploying
 * notifications onto an existing store does not mail every customer about every past order.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationsConfiguration {

    /** Diagnostics key: how often the dead letter was retried and failed again (0 on its first failure). */
    public static final String RETRIES = "retries";

    @Bean
    public ConfigurerModule notificationsProcessing(MongoTemplate axonMongoTemplate,
                                                    @Qualifier("serializer") Serializer serializer) {
        String group = OrderNotifications.PROCESSING_GROUP;
        return configurer -> configurer.eventProcessing()
                .registerDeadLetterQueue(group, c -> MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(serializer)
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .build())
                .registerDeadLetterPolicy(group, c -> countingRetries())
                .registerPooledStreamingEventProcessorConfiguration(group,
                        (c, builder) -> builder.initialToken(source -> source.createHeadToken()));
    }

    /** Dead-letters every failure, counting in the diagnostics how many retries have failed. */
    static EnqueuePolicy<EventMessage<?>> countingRetries() {
        return (letter, cause) -> {
            Object previous = letter.diagnostics().get(RETRIES);
            int retries = previous instanceof Number n ? n.intValue() + 1 : 0;
            return Decisions.enqueue(truncated(cause), l -> l.diagnostics().and(RETRIES, retries)
                    .and("lastFailure", cause.getClass().getSimpleName()));
        };
    }

    private static Throwable truncated(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.length() <= 1000) {
            return cause;
        }
        return new IllegalStateException(cause.getClass().getName() + ": " + message.substring(0, 1000));
    }
}
