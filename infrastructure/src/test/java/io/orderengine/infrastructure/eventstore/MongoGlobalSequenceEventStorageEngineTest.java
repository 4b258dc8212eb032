package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.StoreFixtures.lastToken;
import static io.orderengine.infrastructure.eventstore.StoreFixtures.readAll;
import static io.orderengine.infrastructure.eventstore.StoreFixtures.weighed;
import static io.orderengine.infrastructure.eventstore.StoreFixtures.weighings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.infrastructure.eventstore.StoreFixtures.ParcelState;
import io.orderengine.infrastructure.eventstore.StoreFixtures.ParcelWeighed;
import io.orderengine.infrastructure.eventstore.StoreFixtures.PriceNoted;
import io.orderengine.testkit.MutableClock;
import io.orderengine.testkit.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event store's guarantees on the embedded server (or MONGODB_URI): aggregate streams, concurrency conflicts,
 * snapshots, upcasting, gap-aware tracking with late and crashed commits, and small tokens.
 */
class MongoGlobalSequenceEventStorageEngineTest {

    private final CommitGate gate = new CommitGate("events");
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private TestMongo mongo;
    private MongoDatabase database;
    private MongoGlobalSequenceEventStorageEngine engine;

    @BeforeEach
    void startStore() {
        mongo = StoreFixtures.mongo(gate);
        database = mongo.database();
        engine = StoreFixtures.engine(database, clock);
    }

    @AfterEach
    void stopStore() {
        mongo.close();
    }

    @Test
    void loadsAnAggregateStreamInSequenceOrderAcrossBlocks() {
        engine.appendEvents(weighings("parcel-1", 0, 120));
        engine.appendEvents(weighings("parcel-2", 0, 5));
        engine.appendEvents(weighings("parcel-1", 120, 130));

        List<Long> sequences = new ArrayList<>();
        engine.readEvents("parcel-1").asStream().forEach(e -> sequences.add(e.getSequenceNumber()));
        List<Long> fromMiddle = new ArrayList<>();
        engine.readEvents("parcel-1", 180).asStream().forEach(e -> fromMiddle.add(e.getSequenceNumber()));

        assertThat(sequences).hasSize(250).isSorted().startsWith(0L).endsWith(249L);
        assertThat(fromMiddle).hasSize(70).startsWith(180L).endsWith(249L);
        assertThat(engine.lastSequenceNumberFor("parcel-1")).contains(249L);
        assertThat(engine.lastSequenceNumberFor("parcel-2")).contains(4L);
        assertThat(engine.lastSequenceNumberFor("parcel-3")).isEmpty();
        DomainEventMessage<?> first = engine.readEvents("parcel-1").next();
        assertThat(first.getPayload()).isEqualTo(new ParcelWeighed("parcel-1", 100));
        assertThat(first.getType()).isEqualTo(StoreFixtures.AGGREGATE_TYPE);
    }

    @Test
    void answersTheGlobalPositionOfAStoredEventByItsAggregateAndSequence() {
        engine.appendEvents(weighings("parcel-1", 0, 3));
        engine.appendEvents(weighings("parcel-2", 0, 2));

        List<Long> tracked = engine.readEvents(null, false)
                .filter(event -> event instanceof DomainEventMessage<?> domain
                        && domain.getAggregateIdentifier().equals("parcel-2")
                        && domain.getSequenceNumber() == 1)
                .map(event -> event.trackingToken().position().orElseThrow())
                .toList();
        assertThat(engine.positionOf("parcel-2", 1)).hasValue(tracked.get(0));
        assertThat(engine.positionOf("parcel-2", 2)).isEmpty();
        assertThat(engine.positionOf("parcel-3", 0)).isEmpty();
    }

    @Test
    void rejectsASecondCommitAtTheSameSequenceWithAConcurrencyException() {
        engine.appendEvents(weighings("parcel-1", 0, 3));

        assertThatThrownBy(() -> engine.appendEvents(weighings("parcel-1", 2, 2)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(weighings("parcel-1", 0, 1)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(engine.lastSequenceNumberFor("parcel-1")).contains(2L);
        assertThat(readAll(engine, null)).hasSize(3);
    }

    @Test
    void removesWhatAFailedCommitOfSeveralAggregatesHadAlreadyWritten() {
        engine.appendEvents(weighings("parcel-2", 0, 1));

        List<DomainEventMessage<?>> commit = new ArrayList<>(weighings("parcel-1", 0, 2));
        commit.add(weighed("parcel-2", 0));
        assertThatThrownBy(() -> engine.appendEvents(commit)).isInstanceOf(AggregateStreamCreationException.class);

        assertThat(engine.lastSequenceNumberFor("parcel-1")).isEmpty();
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(1);
    }

    @Test
    void letsExactlyOneOfManyConcurrentWritersWinEachSequenceNumber() throws Exception {
        engine.appendEvents(weighings("hot-parcel", 0, 1));
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<Integer>> wins = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            wins.add(writers.submit(() -> {
                int won = 0;
                for (int attempt = 0; attempt < 40; attempt++) {
                    long next = engine.lastSequenceNumberFor("hot-parcel").orElse(-1L) + 1;
                    try {
                        engine.appendEvents(weighings("hot-parcel", next, 1));
                        won++;
                    } catch (ConcurrencyException e) {
                        conflicts.incrementAndGet();
                    }
                }
                return won;
            }));
        }
        int won = 0;
        for (Future<Integer> f : wins) {
            won += f.get();
        }
        writers.shutdown();

        List<Long> sequences = new ArrayList<>();
        engine.readEvents("hot-parcel").asStream().forEach(e -> sequences.add(e.getSequenceNumber()));
        assertThat(won + conflicts.get()).isEqualTo(8 * 40);
        assertThat(sequences).hasSize(won + 1);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
        assertThat(readAll(engine, null)).hasSize(won + 1);
    }

    @Test
    void keepsTheLatestSnapshotPerAggregateAndLoadsOnlyTheEventsAfterIt() {
        engine.appendEvents(weighings("parcel-1", 0, 30));
        engine.storeSnapshot(snapshot("parcel-1", 10));
        engine.storeSnapshot(snapshot("parcel-1", 20));
        engine.storeSnapshot(snapshot("parcel-1", 5));

        Optional<DomainEventMessage<?>> latest = engine.readSnapshot("parcel-1");
        assertThat(latest).isPresent();
        assertThat(latest.get().getSequenceNumber()).isEqualTo(20);
        assertThat(latest.get().getPayload()).isEqualTo(new ParcelState(21, 120));
        assertThat(database.getCollection("event_snapshots").countDocuments()).isEqualTo(1);
        assertThat(engine.readEvents("parcel-1", 21).asStream().count()).isEqualTo(9);
        assertThat(engine.lastSequenceNumberFor("parcel-1")).contains(29L);
        assertThat(engine.readSnapshot("parcel-2")).isEmpty();
    }

    @Test
    void upcastsEventsStoredUnderAnOlderRevisionForLoadsAndTracking() {
        MongoGlobalSequenceEventStorageEngine upcasting =
                StoreFixtures.engine(database, clock, new PriceRenamed(), Duration.ofSeconds(60));
        long position = upcasting.allocate(1);
        database.getCollection("events")
                .insertOne(new Document("_id", position)
                        .append("streamKey", EventDocuments.streamKey("sku-1", 0))
                        .append("aggregateIdentifier", "sku-1")
                        .append("sequenceNumber", 0L)
                        .append("type", "Sku")
                        .append("eventIdentifier", "old-event-1")
                        .append("timestamp", DateTimeUtils.formatInstant(clock.instant()))
                        .append("payloadType", PriceNoted.class.getName())
                        .append("payloadRevision", "1")
                        .append("serializedPayload", "{\"sku\":\"sku-1\",\"price\":1250}")
                        .append("serializedMetaData", "{}")
                        .append("allocatedAt", clock.millis()));
        upcasting.appendEvents(new GenericDomainEventMessage<>("Sku", "sku-1", 1, new PriceNoted("sku-1", 1300)));

        List<Object> loaded = new ArrayList<>();
        upcasting.readEvents("sku-1").asStream().forEach(e -> loaded.add(e.getPayload()));
        List<Object> tracked = readAll(upcasting, null).stream()
                .map(e -> (Object) e.getPayload())
                .toList();

        assertThat(loaded).containsExactly(new PriceNoted("sku-1", 1250), new PriceNoted("sku-1", 1300));
        assertThat(tracked).isEqualTo(loaded);
        assertThat(database.getCollection("events")
                        .find(Filters.eq("_id", position + 1))
                        .first()
                        .getString("payloadRevision"))
                .isEqualTo("2");
    }

    @Test
    void deliversACommitThatLandsLateAsAGapFillExactlyOnce() throws Exception {
        engine.appendEvents(weighings("parcel-0", 0, 2));
        CommitGate.Hold hold = gate.holdNextInsert();
        ExecutorService slow = Executors.newSingleThreadExecutor();
        Future<?> late = slow.submit(() -> engine.appendEvents(weighings("parcel-late", 0, 2)));
        hold.awaitHeld();
        engine.appendEvents(weighings("parcel-1", 0, 3));

        List<TrackedEventMessage<?>> first = readAll(engine, null);
        GapAwareTrackingToken afterFirst = (GapAwareTrackingToken) lastToken(first, null);
        assertThat(first)
                .extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsExactly("parcel-0", "parcel-0", "parcel-1", "parcel-1", "parcel-1");
        assertThat(afterFirst.getIndex()).isEqualTo(7);
        assertThat(afterFirst.getGaps()).containsExactly(3L, 4L);

        clock.advance(Duration.ofSeconds(5));
        hold.release();
        late.get();
        slow.shutdown();
        List<TrackedEventMessage<?>> second = readAll(engine, afterFirst);

        assertThat(second)
                .extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsExactly("parcel-late", "parcel-late");
        GapAwareTrackingToken afterSecond = (GapAwareTrackingToken) lastToken(second, afterFirst);
        assertThat(afterSecond.getGaps()).isEmpty();
        assertThat(afterSecond.getIndex()).isEqualTo(7);
        assertThat(readAll(engine, afterSecond)).isEmpty();
        assertThat(readAll(engine, null))
                .extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void givesUpOnTheGapOfACrashedCommitAfterTheGapTimeout() {
        engine.appendEvents(weighings("parcel-0", 0, 1));
        engine.allocate(3);
        engine.appendEvents(weighings("parcel-1", 0, 1));
        GapAwareTrackingToken withGaps = (GapAwareTrackingToken) lastToken(readAll(engine, null), null);
        assertThat(withGaps.getGaps()).containsExactly(2L, 3L, 4L);

        clock.advance(Duration.ofSeconds(30));
        engine.appendEvents(weighings("parcel-1", 1, 1));
        GapAwareTrackingToken stillWaiting = (GapAwareTrackingToken) lastToken(readAll(engine, withGaps), withGaps);
        assertThat(stillWaiting.getGaps()).containsExactly(2L, 3L, 4L);

        clock.advance(Duration.ofSeconds(31));
        engine.appendEvents(weighings("parcel-1", 2, 1));
        GapAwareTrackingToken expired = (GapAwareTrackingToken) lastToken(readAll(engine, stillWaiting), stillWaiting);
        assertThat(expired.getGaps()).isEmpty();
        assertThat(expired.getIndex()).isEqualTo(7);
    }

    @Test
    void readsPastACrashedBlockLargerThanOneBatch() {
        engine.appendEvents(weighings("parcel-0", 0, 1));
        engine.allocate(450);
        engine.appendEvents(weighings("parcel-1", 0, 2));

        List<TrackedEventMessage<?>> read = readAll(engine, null);

        assertThat(read).hasSize(3);
        GapAwareTrackingToken token = (GapAwareTrackingToken) lastToken(read, null);
        assertThat(token.getIndex()).isEqualTo(453);
        assertThat(token.getGaps()).hasSize(450);

        clock.advance(Duration.ofMinutes(2));
        List<TrackedEventMessage<?>> replay = readAll(engine, null);
        assertThat(replay).hasSize(3);
        assertThat(((GapAwareTrackingToken) lastToken(replay, null)).getGaps()).isEmpty();
    }

    @Test
    void startsAHeadTokenBehindCommitsStillInFlight() throws Exception {
        engine.appendEvents(weighings("parcel-0", 0, 3));
        CommitGate.Hold hold = gate.holdNextInsert();
        ExecutorService slow = Executors.newSingleThreadExecutor();
        Future<?> late = slow.submit(() -> engine.appendEvents(weighings("parcel-late", 0, 1)));
        hold.awaitHeld();
        engine.appendEvents(weighings("parcel-1", 0, 1));

        GapAwareTrackingToken head = (GapAwareTrackingToken) engine.createHeadToken();
        hold.release();
        late.get();
        slow.shutdown();

        assertThat(head.getIndex()).isEqualTo(5);
        assertThat(head.getGaps()).containsExactly(4L);
        assertThat(readAll(engine, head))
                .extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsExactly("parcel-late");
        assertThat(engine.createTailToken()).isNull();
    }

    @Test
    void theHeadPositionIsTheHeadTokensWhateverIsUnwrittenAtTheTop() {
        assertThat(engine.headPosition()).as("empty store").isZero();
        assertThat(engine.createHeadToken()).isNull();

        engine.appendEvents(weighings("parcel-0", 0, 3)); // 1..3
        assertHeadPositionIsTheHeadTokens(3);
        engine.allocate(1); // 4: a commit still writing, or crashed, at the very top
        assertHeadPositionIsTheHeadTokens(3);
        engine.appendEvents(weighings("parcel-1", 0, 2)); // 5..6
        engine.allocate(40); // 7..46: more unwritten positions than the first look covers
        assertHeadPositionIsTheHeadTokens(6);
        engine.allocate(1_200); // 47..1246: a failed block wider than the head window (1,000)
        assertHeadPositionIsTheHeadTokens(246);
        engine.appendEvents(weighings("parcel-1", 2, 1)); // 1247
        assertHeadPositionIsTheHeadTokens(1_247);
    }

    private void assertHeadPositionIsTheHeadTokens(long expected) {
        assertThat(engine.createHeadToken().position()).hasValue(expected);
        assertThat(engine.headPosition()).isEqualTo(expected);
    }

    @Test
    void startsATokenAtATimeBeforeTheFirstEventCommittedThen() {
        engine.appendEvents(weighings("parcel-0", 0, 3));
        clock.advance(Duration.ofMinutes(1));
        Instant later = clock.instant();
        engine.appendEvents(weighings("parcel-1", 0, 2));

        TrackingToken at = engine.createTokenAt(later);

        assertThat(readAll(engine, at))
                .extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsExactly("parcel-1", "parcel-1");
    }

    @Test
    void storesEventsThatBelongToNoAggregate() {
        engine.appendEvents(GenericEventMessage.asEventMessage(new ParcelWeighed("loose", 1)));
        engine.appendEvents(weighings("parcel-1", 0, 1));

        List<TrackedEventMessage<?>> read = readAll(engine, null);

        assertThat(read).hasSize(2);
        assertThat(read.get(0)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(read.get(0).getPayload()).isEqualTo(new ParcelWeighed("loose", 1));
    }

    private static DomainEventMessage<ParcelState> snapshot(String parcel, long sequence) {
        return new GenericDomainEventMessage<>(
                StoreFixtures.AGGREGATE_TYPE, parcel, sequence, new ParcelState(sequence + 1, 100 + sequence));
    }

    /** Revision 1 of {@link PriceNoted} called the amount {@code price}. */
    private static final class PriceRenamed extends SingleEventUpcaster {

        private static final SimpleSerializedType OLD = new SimpleSerializedType(PriceNoted.class.getName(), "1");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return OLD.equals(representation.getType());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(
                    new SimpleSerializedType(PriceNoted.class.getName(), "2"), JsonNode.class, node -> {
                        ObjectNode object = (ObjectNode) node;
                        object.set("amountMinor", object.remove("price"));
                        return object;
                    });
        }
    }
}
