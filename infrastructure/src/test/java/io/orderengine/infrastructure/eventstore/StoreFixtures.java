package io.orderengine.infrastructure.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.orderengine.infrastructure.store.index.IndexedH2Backend;
import io.orderengine.testkit.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;

/** Stores, engines, serializers and events for the event-store tests. */
final class StoreFixtures {

    static final String AGGREGATE_TYPE = "Parcel";

    private StoreFixtures() {}

    /** A parcel was weighed: the test's domain event. */
    @Revision("1")
    record ParcelWeighed(String parcel, long grams) {}

    /** A price was noted; revision 2 renamed {@code price} to {@code amountMinor}. */
    @Revision("2")
    record PriceNoted(String sku, long amountMinor) {}

    /** A snapshot of a parcel: how many weighings, and the last weight. */
    record ParcelState(long weighings, long lastGrams) {}

    /** A MongoDB on the engine's own embedded backend, in memory (or {@code MONGODB_URI}). */
    static TestMongo mongo(CommandListener... listeners) {
        return TestMongo.start(IndexedH2Backend::inMemory, listeners);
    }

    static Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    static MongoGlobalSequenceEventStorageEngine engine(MongoDatabase database, Clock clock) {
        return engine(database, clock, NoOpEventUpcaster.INSTANCE, Duration.ofSeconds(60));
    }

    static MongoGlobalSequenceEventStorageEngine engine(
            MongoDatabase database, Clock clock, EventUpcaster upcaster, Duration gapTimeout) {
        Serializer serializer = serializer();
        MongoGlobalSequenceEventStorageEngine engine = MongoGlobalSequenceEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(upcaster)
                .clock(clock)
                .gapTimeout(gapTimeout)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    static DomainEventMessage<ParcelWeighed> weighed(String parcel, long sequence) {
        return new GenericDomainEventMessage<>(
                AGGREGATE_TYPE, parcel, sequence, new ParcelWeighed(parcel, 100 + sequence));
    }

    static List<DomainEventMessage<?>> weighings(String parcel, long fromSequence, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(weighed(parcel, fromSequence + i));
        }
        return events;
    }

    /** Reads every event after the token, as a tracking processor's stream would. */
    static List<TrackedEventMessage<?>> readAll(MongoGlobalSequenceEventStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    static TrackingToken lastToken(List<TrackedEventMessage<?>> read, TrackingToken otherwise) {
        return read.isEmpty() ? otherwise : read.get(read.size() - 1).trackingToken();
    }
}
