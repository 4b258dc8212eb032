package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.StoreFixtures.weighings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.orderengine.testkit.MutableClock;
import io.orderengine.testkit.TestMongo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tracking read is a find, and a find is not a snapshot: under load, a commit that lands while it runs can be seen at
 * a higher position and missed at a lower one that landed before it. Such a torn read is made deterministic here (the
 * first find of a read leaves out one written position); the reader must still hand out an aggregate's events in
 * sequence order, never the later one now and the earlier one afterwards as a gap fill.
 */
class TornReadTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private TestMongo mongo;
    private MongoGlobalSequenceEventStorageEngine engine;

    @BeforeEach
    void startStore() {
        mongo = StoreFixtures.mongo();
        engine = StoreFixtures.engine(mongo.database(), clock);
    }

    @AfterEach
    void stopStore() {
        mongo.close();
    }

    @Test
    void aPositionMissedByATornFindIsDeliveredBeforeTheAggregatesLaterEvents() {
        engine.appendEvents(weighings("parcel-0", 0, 1)); // position 1
        engine.appendEvents(weighings("parcel-0", 1, 1)); // position 2: landed before position 3 was allocated
        engine.appendEvents(weighings("parcel-0", 2, 1)); // position 3
        AtomicReference<Set<Long>> missNext = new AtomicReference<>(Set.of(2L));
        TrackedEventReader reader = reader(torn(mongo.database().getCollection("events"), missNext), 100);

        List<? extends TrackedEventData<?>> read = reader.fetch(null, 100);

        assertThat(missNext.get()).as("the torn find happened").isEmpty();
        assertParcelsEventsInSequenceThroughPosition3(read);
    }

    /**
     * The whole next window in flight: its find sees none of it, so the reader looks past the window and finds the
     * aggregate's next event there; the window's events (landed before that event was allocated) must still come
     * first. Without a second look below what the scan found, the later event was delivered first and the window's
     * ones after it as gap fills (ExactReplayStressTest, in a full run).
     */
    @Test
    void eventsFoundPastAWindowTheFindMissedWholeAreDeliveredAfterTheWindowsEvents() {
        engine.appendEvents(weighings("parcel-0", 0, 1)); // position 1
        engine.appendEvents(weighings("parcel-0", 1, 1)); // position 2
        engine.appendEvents(weighings("parcel-0", 2, 1)); // position 3: past a window of two
        AtomicReference<Set<Long>> missNext = new AtomicReference<>(Set.of(1L, 2L));
        TrackedEventReader reader = reader(torn(mongo.database().getCollection("events"), missNext), 2);

        List<? extends TrackedEventData<?>> read = reader.fetch(null, 2);

        assertThat(missNext.get()).as("the torn find happened").isEmpty();
        assertParcelsEventsInSequenceThroughPosition3(read);
    }

    /** parcel-0's three events, in sequence, the last one's token at position 3 with no gap left. */
    private static void assertParcelsEventsInSequenceThroughPosition3(List<? extends TrackedEventData<?>> read) {
        assertThat(read)
                .extracting(e -> ((DomainEventData<?>) e).getSequenceNumber())
                .as("parcel-0's events, in sequence")
                .containsExactly(0L, 1L, 2L);
        GapAwareTrackingToken last =
                (GapAwareTrackingToken) read.get(read.size() - 1).trackingToken();
        assertThat(last.getIndex()).isEqualTo(3);
        assertThat(last.getGaps()).isEmpty();
    }

    /** A reader whose windows are {@code window} positions long. */
    private TrackedEventReader reader(MongoCollection<Document> events, int window) {
        EventCommits commits = new EventCommits(
                mongo.database().getCollection("events"), mongo.database().getCollection("event_positions"), clock);
        return new TrackedEventReader(
                events, commits, clock, Duration.ofSeconds(60), 100_000, window, window, 1_000, false);
    }

    /** The collection, except that its next find leaves out the documents at the positions {@code missNext} holds. */
    @SuppressWarnings("unchecked")
    private static MongoCollection<Document> torn(MongoCollection<Document> real, AtomicReference<Set<Long>> missNext) {
        return (MongoCollection<Document>) Proxy.newProxyInstance(
                TornReadTest.class.getClassLoader(), new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    Set<Long> missing = "find".equals(method.getName()) ? missNext.getAndSet(Set.of()) : Set.of();
                    if (missing.isEmpty()) {
                        return result;
                    }
                    List<Document> seen = new ArrayList<>();
                    for (Document document : (FindIterable<Document>) result) {
                        if (!missing.contains(EventDocuments.position(document))) {
                            seen.add(document);
                        }
                    }
                    return Proxy.newProxyInstance(
                            TornReadTest.class.getClassLoader(),
                            new Class<?>[] {FindIterable.class},
                            (iterable, call, callArgs) -> {
                                if ("iterator".equals(call.getName())) {
                                    return cursor(seen.iterator());
                                }
                                throw new UnsupportedOperationException(call.getName());
                            });
                });
    }

    private static MongoCursor<?> cursor(Iterator<Document> documents) {
        return (MongoCursor<?>) Proxy.newProxyInstance(
                TornReadTest.class.getClassLoader(), new Class<?>[] {MongoCursor.class}, (cursor, call, callArgs) -> {
                    switch (call.getName()) {
                        case "hasNext":
                            return documents.hasNext();
                        case "next":
                            return documents.next();
                        case "close":
                            return null;
                        default:
                            throw new UnsupportedOperationException(call.getName());
                    }
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
