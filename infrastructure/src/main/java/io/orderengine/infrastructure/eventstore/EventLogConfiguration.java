package io.orderengine.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.UUID;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tamper-evident event log: the sealer that chains stored events, the verifier, and the jobs that run them
 * ({@link EventLogJobs}). The chain needs the {@code global-sequence} engine (the stock engine keeps its events
 * elsewhere and is only there for benchmarks); with the stock engine, or {@code engine.event-log.chain-enabled=false},
 * nothing is chained and a verification finds an empty chain.
 */
@Configuration(proxyBeanMethods = false)
public class EventLogConfiguration {

    @Bean
    public EventLogVerifier eventLogVerifier(MongoDatabase database, ObjectProvider<Clock> clock) {
        return new EventLogVerifier(database, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    EventLogJobs eventLogJobs(
            MongoDatabase database,
            EventStoreProperties eventStore,
            EventLogProperties properties,
            EventLogVerifier verifier,
            ObjectProvider<EventLogHeadListener> listeners,
            ObjectProvider<Clock> clockProvider) {
        Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
        MongoCollection<Document> chain = database.getCollection(EventChainSealer.CHAIN_COLLECTION);
        String owner = UUID.randomUUID().toString();
        EventChainSealer sealer = null;
        if (properties.chainEnabled() && eventStore.engine() == EventStoreProperties.Engine.GLOBAL_SEQUENCE) {
            sealer = new EventChainSealer(
                    database.getCollection("events"),
                    chain,
                    database.getCollection("event_positions"),
                    new ChainLease(chain, "sealer", owner, clock, properties.lease()),
                    clock,
                    eventStore.gapTimeout(),
                    properties.settle(),
                    properties.sealWindow());
            sealer.ensureIndexes();
        }
        ChainLease verification = new ChainLease(
                chain,
                "verification",
                owner,
                clock,
                properties.verificationInterval().multipliedBy(9).dividedBy(10));
        return new EventLogJobs(sealer, verifier, verification, properties, listeners);
    }
}
