package io.orderengine.infrastructure.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event storage engine, chosen by {@code engine.event-store.engine}: ours by default (events with a gap-aware
 * global position, snapshots and the position counter in the engine's MongoDB database, docs/adr/0001-event-store.md),
 * or axon-mongo's stock engine with its default settings, for side-by-side comparison (docs/benchmarks.md). Both use
 * the same serializers and pass over snapshots taken before their aggregate raised its revision
 * ({@link DeclaredRevisionSnapshotFilter}). Also sets the batch size of the {@code order-detail} processor, whose projection writes a
 * batch's documents at once.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(
            MongoDatabase database,
            EventStoreProperties properties,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            @Qualifier("stateSerializer") Serializer stateSerializer,
            ObjectProvider<EventUpcaster> upcasters,
            ObjectProvider<MongoTemplate> axonMongoTemplate) {
        EventUpcasterChain upcasterChain =
                new EventUpcasterChain(upcasters.orderedStream().toList());
        if (properties.engine() == EventStoreProperties.Engine.STOCK) {
            // Default settings: collections domainevents/snapshotevents, one document per event, 1 s look-back.
            MongoEventStorageEngine stock = MongoEventStorageEngine.builder()
                    .mongoTemplate(axonMongoTemplate.getObject())
                    .eventSerializer(eventSerializer)
                    .snapshotSerializer(stateSerializer)
                    .upcasterChain(upcasterChain)
                    .snapshotFilter(new DeclaredRevisionSnapshotFilter())
                    .build();
            // its unique (aggregate, sequence) index is what turns a concurrent append into a ConcurrencyException
            stock.ensureIndexes();
            return stock;
        }
        MongoGlobalSequenceEventStorageEngine engine = MongoGlobalSequenceEventStorageEngine.builder()
                .database(database)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(stateSerializer)
                .upcasterChain(upcasterChain)
                .batchSize(properties.batchSize())
                .trackingBatchSize(properties.batchSize())
                .gapTimeout(properties.gapTimeout())
                .maxGapOffset(properties.maxGapOffset())
                .orderedDelivery(properties.orderedDelivery())
                .snapshotFilter(new DeclaredRevisionSnapshotFilter())
                .build();
        engine.ensureIndexes();
        return engine;
    }
}
