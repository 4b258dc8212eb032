package io.orderengine.infrastructure.pipeline;

import io.orderengine.infrastructure.eventstore.MongoGlobalSequenceEventStorageEngine;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The event bus of the engine: the event store that pushes new events to this instance's processors
 * ({@link PushingEventStore}; in a cluster on the engine's own event log it also probes for other instances'
 * commits) and the record of what they handled ({@link ProcessedEvents}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public PushingEventStore eventStore(
            EventStorageEngine storageEngine,
            Configuration configuration,
            PipelineProperties properties,
            @Value("${engine.cluster.enabled:false}") boolean clustered) {
        PushingEventStore.Builder builder = PushingEventStore.builder();
        if (clustered
                && storageEngine instanceof MongoGlobalSequenceEventStorageEngine globalSequence
                && !properties.clusterProbe().isZero()) {
            builder.probe(globalSequence::lastAllocatedPosition, properties.clusterProbe());
        }
        return (PushingEventStore) builder.storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.backstopPoll(clustered).toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .cachedEvents(properties.cachedEvents())
                .build();
    }

    @Bean
    public ProcessedEvents processedEvents() {
        return new ProcessedEvents();
    }

    /** What other instances' processors have handled, read from the token store (read your writes in a cluster). */
    @Bean
    public OtherInstancesProgress otherInstancesProgress(
            MongoTemplate axonMongoTemplate, Serializer serializer, EventStorageEngine storageEngine) {
        OtherInstancesProgress.Positions positions = storageEngine instanceof MongoGlobalSequenceEventStorageEngine log
                ? log::positionOf
                : (aggregateId, sequence) -> OptionalLong.empty();
        return new OtherInstancesProgress(axonMongoTemplate.trackingTokensCollection(), serializer, positions);
    }
}
