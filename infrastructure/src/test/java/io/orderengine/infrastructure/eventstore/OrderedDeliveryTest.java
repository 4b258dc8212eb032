package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.StoreFixtures.lastToken;
import static io.orderengine.infrastructure.eventstore.StoreFixtures.readAll;
import static io.orderengine.infrastructure.eventstore.StoreFixtures.weighings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.testkit.MutableClock;
import io.orderengine.testkit.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With ordered delivery a tracking read never passes a position that is allocated but not written yet: a commit in
 * flight holds the readers back until it lands (they then see it in position order, not as a late gap fill), and a
 * crashed commit's positions are passed once the gap timeout has run since the commit after them.
 */
class OrderedDeliveryTest {

    private final CommitGate gate = new CommitGate("events");
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private TestMongo mongo;
    private MongoGlobalSequenceEventStorageEngine engine;

    @BeforeEach
    void startStore() {
        mongo = StoreFixtures.mongo(gate);
        engine = ordered(mongo.database());
    }

    @AfterEach
    void stopStore() {
        mongo.close();
    }

    @Test
    void aCommitInFlightHoldsTheReadersBackAndIsThenDeliveredInPositionOrder() throws Exception {
        engine.appendEvents(weighings("parcel-0", 0, 2));
        CommitGate.Hold hold = gate.holdNextInsert();
        ExecutorService slow = Executors.newSingleThreadExecutor();
        Future<?> late = slow.submit(() -> engine.appendEvents(weighings("parcel-late", 0, 2)));
        hold.awaitHeld();
        engine.appendEvents(weighings("parcel-1", 0, 3));

        List<TrackedEventMessage<?>> first = readAll(engine, null);
        assertThat(aggregates(first)).containsExactly("parcel-0", "parcel-0");
        GapAwareTrackingToken afterFirst = (GapAwareTrackingToken) lastToken(first, null);
        assertThat(afterFirst.getIndex()).isEqualTo(2);
        assertThat(afterFirst.getGaps()).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        hold.release();
        late.get();
        slow.shutdown();
        List<TrackedEventMessage<?>> second = readAll(engine, afterFirst);

        assertThat(aggregates(second))
                .containsExactly("parcel-late", "parcel-late", "parcel-1", "parcel-1", "parcel-1");
        assertThat(second)
                .extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                .containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(((GapAwareTrackingToken) lastToken(second, afterFirst)).getGaps())
                .isEmpty();
    }

    @Test
    void theGapOfACrashedCommitIsPassedOnceTheGapTimeoutHasRunSinceTheNextCommit() {
        engine.appendEvents(weighings("parcel-0", 0, 1));
        engine.allocate(3);
        engine.appendEvents(weighings("parcel-1", 0, 1));

        List<TrackedEventMessage<?>> before = readAll(engine, null);
        assertThat(aggregates(before)).containsExactly("parcel-0");

        clock.advance(Duration.ofSeconds(59));
        assertThat(aggregates(readAll(engine, lastToken(before, null)))).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        List<TrackedEventMessage<?>> after = readAll(engine, lastToken(before, null));
        assertThat(aggregates(after)).containsExactly("parcel-1");
        GapAwareTrackingToken token = (GapAwareTrackingToken) lastToken(after, null);
        assertThat(token.getIndex()).isEqualTo(5);
        assertThat(token.getGaps()).isEmpty();
    }

    @Test
    void aReplayOfOldEventsIsNotHeldBackByGapsThatTimedOutLongAgo() {
        engine.appendEvents(weighings("parcel-0", 0, 1));
        engine.allocate(450);
        engine.appendEvents(weighings("parcel-1", 0, 2));
        clock.advance(Duration.ofMinutes(2));

        List<TrackedEventMessage<?>> replay = readAll(engine, null);

        assertThat(aggregates(replay)).containsExactly("parcel-0", "parcel-1", "parcel-1");
        assertThat(((GapAwareTrackingToken) lastToken(replay, null)).getIndex()).isEqualTo(453);
    }

    private MongoGlobalSequenceEventStorageEngine ordered(MongoDatabase database) {
        MongoGlobalSequenceEventStorageEngine ordered = MongoGlobalSequenceEventStorageEngine.builder()
                .database(database)
                .eventSerializer(StoreFixtures.serializer())
                .snapshotSerializer(StoreFixtures.serializer())
                .clock(clock)
                .gapTimeout(Duration.ofSeconds(60))
                .orderedDelivery(true)
                .build();
        ordered.ensureIndexes();
        return ordered;
    }

    private static List<String> aggregates(List<TrackedEventMessage<?>> events) {
        return events.stream()
                .map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .toList();
    }
}
