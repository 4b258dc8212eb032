package io.orderengine.api.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event storage engine: events with a gap-aware global position, snapshots and the position counter in the
 * engine's MongoDB database (docs/adr/0001-event-store.md).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(MongoDatabase database, EventStoreProperties properties,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 @Qualifier("stateSerializer") Serializer stateSerializer,
                                                 ObjectProvider<EventUpcaster> upcasters) {
        MongoGlobalSequenceEventStorageEngine engine = MongoGlobalSequenceEventStorageEngine.builder()
                .database(database)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(stateSerializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .batchSize(properties.batchSize())
                .trackingBatchSize(properties.batchSize())
                .gapTimeout(properties.gapTimeout())
                .maxGapOffset(properties.maxGapOffset())
                .build();
        engine.ensureIndexes();
        return engine;
    }
}
