package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.StoreFixtures.weighings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.orderengine.infrastructure.eventstore.EventLogVerifier.EventLogVerification;
import io.orderengine.testkit.MutableClock;
import io.orderengine.testkit.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event log's hash chain on the embedded server (or MONGODB_URI): a clean store verifies, and a change made
 * straight through the driver (an amount edited, an event removed, two events swapped, the last events removed, an
 * event inserted) is reported at the position where it shows.
 */
class EventLogChainTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private TestMongo mongo;
    private MongoDatabase database;
    private MongoGlobalSequenceEventStorageEngine engine;
    private EventChainSealer sealer;
    private EventLogVerifier verifier;
    private MongoCollection<Document> events;
    /** The positions each {@code find} on the events by {@code _id $in} asked for, in order. */
    private final List<List<Long>> positionFinds = new CopyOnWriteArrayList<>();

    private final CommandListener findsByPosition = new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonDocument command = event.getCommand();
            if (!"find".equals(event.getCommandName())
                    || !"events".equals(command.getString("find").getValue())
                    || !command.getDocument("filter", new BsonDocument()).isDocument("_id")) {
                return;
            }
            BsonDocument id = command.getDocument("filter").getDocument("_id");
            if (id.isArray("$in")) {
                positionFinds.add(id.getArray("$in").stream()
                        .map(BsonValue::asNumber)
                        .map(number -> number.longValue())
                        .toList());
            }
        }
    };

    @BeforeEach
    void startStore() {
        mongo = StoreFixtures.mongo(findsByPosition);
        database = mongo.database();
        engine = StoreFixtures.engine(database, clock);
        events = database.getCollection("events");
        MongoCollection<Document> chain = database.getCollection(EventChainSealer.CHAIN_COLLECTION);
        sealer = new EventChainSealer(
                events,
                chain,
                new ChainLease(chain, "sealer", "test", clock, Duration.ofSeconds(30)),
                clock,
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                7);
        sealer.ensureIndexes();
        verifier = new EventLogVerifier(database, clock);
    }

    @AfterEach
    void stopStore() {
        mongo.close();
    }

    private void appendAndSeal() {
        engine.appendEvents(weighings("parcel-1", 0, 10));
        engine.appendEvents(weighings("parcel-2", 0, 10));
        clock.advance(Duration.ofSeconds(3));
        assertThat(sealer.seal()).isEqualTo(20);
    }

    @Test
    void aCleanStoreVerifiesWithEveryEventChained() {
        appendAndSeal();

        EventLogVerification outcome = verifier.verify();

        assertThat(outcome.verified()).as(outcome.reason()).isTrue();
        assertThat(outcome.events()).isEqualTo(20);
        assertThat(outcome.head()).hasSize(64).isNotEqualTo(ChainLinks.GENESIS);
        assertThat(events.countDocuments(Filters.exists(ChainLinks.CHAIN_LINK))).isEqualTo(20);
    }

    @Test
    void eventsAreChainedOnlyOnceTheirCommitHasSettledAndLaterOnesContinueTheChain() {
        engine.appendEvents(weighings("parcel-1", 0, 3));
        assertThat(sealer.seal()).isZero();
        clock.advance(Duration.ofSeconds(3));
        assertThat(sealer.seal()).isEqualTo(3);
        String first = verifier.verify().head();

        engine.appendEvents(weighings("parcel-1", 3, 2));
        clock.advance(Duration.ofSeconds(3));
        sealer.seal();

        EventLogVerification outcome = verifier.verify();
        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.events()).isEqualTo(5);
        assertThat(outcome.head()).isNotEqualTo(first);
    }

    @Test
    void anAmountEditedThroughTheDriverIsReportedAtItsPosition() {
        appendAndSeal();
        Document seventh = events.find(Filters.eq("_id", 7L)).first();
        String edited = seventh.getString("serializedPayload").replace("\"grams\":106", "\"grams\":1");
        assertThat(edited).isNotEqualTo(seventh.getString("serializedPayload"));
        events.updateOne(Filters.eq("_id", 7L), Updates.set("serializedPayload", edited));

        EventLogVerification outcome = verifier.verify();

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.firstBrokenPosition()).isEqualTo(7L);
        assertThat(outcome.reason()).contains("does not match its link");
    }

    @Test
    void aRemovedEventIsReportedWhereTheChainBreaks() {
        appendAndSeal();
        events.deleteOne(Filters.eq("_id", 12L));

        EventLogVerification outcome = verifier.verify();

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.firstBrokenPosition()).isEqualTo(13L);
        assertThat(outcome.reason()).contains("missing").contains("after position 11");
    }

    @Test
    void twoEventsSwappedAreReportedAtTheFirstOfThem() {
        appendAndSeal();
        Document fourth = events.find(Filters.eq("_id", 4L)).first();
        Document fifth = events.find(Filters.eq("_id", 5L)).first();
        events.updateOne(Filters.eq("_id", 4L), Updates.set("serializedPayload", fifth.getString("serializedPayload")));
        events.updateOne(
                Filters.eq("_id", 5L), Updates.set("serializedPayload", fourth.getString("serializedPayload")));

        EventLogVerification outcome = verifier.verify();

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.firstBrokenPosition()).isEqualTo(4L);
    }

    @Test
    void anEventMovedToAnotherPositionIsReported() {
        appendAndSeal();
        Document third = events.find(Filters.eq("_id", 3L)).first();
        events.deleteOne(Filters.eq("_id", 3L));
        events.insertOne(third.append("_id", 30L));

        EventLogVerification outcome = verifier.verify();

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.firstBrokenPosition()).isEqualTo(30L);
    }

    @Test
    void theLastEventsRemovedAreReportedAgainstTheRecordedHead() {
        appendAndSeal();
        events.deleteMany(Filters.gte("_id", 19L));

        EventLogVerification outcome = verifier.verify();

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.firstBrokenPosition()).isEqualTo(20L);
        assertThat(outcome.reason()).contains("last events were removed");
    }

    @Test
    void anEventWhoseChainFieldsWereStrippedIsReported() {
        appendAndSeal();
        events.updateOne(
                Filters.eq("_id", 20L),
                Updates.combine(Updates.unset(ChainLinks.CHAIN_INDEX), Updates.unset(ChainLinks.CHAIN_LINK)));

        EventLogVerification outcome = verifier.verify();

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.firstBrokenPosition()).isEqualTo(20L);
    }

    @Test
    void aCrashedCommitsGapIsPassedOverAfterTheGapTimeoutAndALateCommitIsChainedAtTheHead() {
        engine.appendEvents(weighings("parcel-1", 0, 2));
        long crashed = engine.allocate(1); // a commit that got its position and has not written it
        engine.appendEvents(weighings("parcel-1", 2, 2));
        clock.advance(Duration.ofSeconds(3));
        assertThat(sealer.seal()).as("waits below the gap").isEqualTo(2);

        clock.advance(Duration.ofSeconds(61));
        assertThat(sealer.seal()).isEqualTo(2);
        assertThat(verifier.verify().verified()).isTrue();

        Document late = new Document(weighingDocument(crashed));
        events.insertOne(late);
        clock.advance(Duration.ofSeconds(3));
        assertThat(sealer.seal()).isEqualTo(1);

        EventLogVerification outcome = verifier.verify();
        assertThat(outcome.verified()).as(outcome.reason()).isTrue();
        assertThat(outcome.events()).isEqualTo(5);
    }

    @Test
    void aHoleWiderThanTheWindowIsPassedOverWholeWhileARemovedEventIsStillReported() {
        MongoCollection<Document> chain = database.getCollection(EventChainSealer.CHAIN_COLLECTION);
        EventChainSealer sealer = sealerReadingTheCounter(chain);
        engine.appendEvents(weighings("parcel-1", 0, 3)); // positions 1..3
        long hole = engine.allocate(600); // 4..603: a large commit that failed, never written
        engine.appendEvents(weighings("parcel-1", 3, 3)); // 604..606
        clock.advance(Duration.ofSeconds(3));
        assertThat(sealer.seal()).as("the hole may still be written").isEqualTo(3);
        assertThat(sealer.seal()).isZero();

        clock.advance(Duration.ofSeconds(61));
        assertThat(sealer.seal()).as("past the hole").isEqualTo(3);
        EventLogVerification sealed = verifier.verify();
        assertThat(sealed.verified()).as(sealed.reason()).isTrue();
        assertThat(sealed.events()).isEqualTo(6);
        assertThat(events.find(Filters.eq("_id", 604L)).first().get(ChainLinks.CHAIN_INDEX))
                .isEqualTo(4L);

        events.insertOne(weighingDocument(hole - 300)); // a commit that lands in the hole, late
        clock.advance(Duration.ofSeconds(11));
        assertThat(sealer.seal()).isEqualTo(1);
        EventLogVerification late = verifier.verify();
        assertThat(late.verified()).as(late.reason()).isTrue();
        assertThat(late.events()).isEqualTo(7);

        events.deleteOne(Filters.eq("_id", 604L));
        EventLogVerification removed = verifier.verify();
        assertThat(removed.verified()).isFalse();
        assertThat(removed.firstBrokenPosition()).isEqualTo(605L);
        assertThat(removed.reason()).contains("missing").contains("after position 3");
    }

    @Test
    void anIdleLogIsNeitherReadNorItsLeaseRenewedUntilAPositionIsAllocatedAgain() {
        MongoCollection<Document> chain = database.getCollection(EventChainSealer.CHAIN_COLLECTION);
        EventChainSealer sealer = sealerReadingTheCounter(chain);
        engine.appendEvents(weighings("parcel-1", 0, 3));
        clock.advance(Duration.ofSeconds(3));
        assertThat(sealer.seal()).isEqualTo(3);
        long leaseUntil = leaseUntil(chain);

        clock.advance(Duration.ofSeconds(5));
        assertThat(sealer.seal()).isZero();
        assertThat(leaseUntil(chain))
                .as("an idle round does not renew the lease")
                .isEqualTo(leaseUntil);

        engine.appendEvents(weighings("parcel-1", 3, 2));
        assertThat(sealer.seal()).as("not settled yet").isZero();
        assertThat(leaseUntil(chain)).as("new positions: the round works again").isGreaterThan(leaseUntil);
        clock.advance(Duration.ofSeconds(3));
        assertThat(sealer.seal()).isEqualTo(2);
        EventLogVerification outcome = verifier.verify();
        assertThat(outcome.verified()).as(outcome.reason()).isTrue();
        assertThat(outcome.events()).isEqualTo(5);
    }

    @Test
    void whileAGapStaysOpenAnIdleRoundAsksForTheGapAloneNotForPositionsNobodyWasGiven() {
        MongoCollection<Document> chain = database.getCollection(EventChainSealer.CHAIN_COLLECTION);
        EventChainSealer sealer = sealerReadingTheCounter(chain);
        engine.appendEvents(weighings("parcel-1", 0, 2)); // positions 1..2
        long crashed = engine.allocate(1); // 3: a commit that got its position and never wrote it
        engine.appendEvents(weighings("parcel-1", 2, 2)); // 4..5
        clock.advance(Duration.ofSeconds(61));
        assertThat(sealer.seal()).as("passes over the gap, which stays open").isEqualTo(4);

        positionFinds.clear();
        clock.advance(Duration.ofSeconds(2));
        assertThat(sealer.seal()).isZero();
        assertThat(positionFinds)
                .as("an idle round with a gap open reads the gap, not a window above the last allocated position")
                .containsExactly(List.of(crashed));

        events.insertOne(weighingDocument(crashed)); // the late commit lands
        clock.advance(Duration.ofSeconds(3));
        assertThat(sealer.seal()).as("and still chains it when it lands").isEqualTo(1);
        EventLogVerification outcome = verifier.verify();
        assertThat(outcome.verified()).as(outcome.reason()).isTrue();
        assertThat(outcome.events()).isEqualTo(5);
    }

    /** A sealer that also reads the position counter, as the engine's does. */
    private EventChainSealer sealerReadingTheCounter(MongoCollection<Document> chain) {
        return new EventChainSealer(
                events,
                chain,
                database.getCollection("event_positions"),
                new ChainLease(chain, "sealer", "test", clock, Duration.ofSeconds(30)),
                clock,
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                7);
    }

    private static long leaseUntil(MongoCollection<Document> chain) {
        return chain.find(Filters.eq("_id", "sealer")).first().getLong("until");
    }

    @Test
    void aSecondInstanceDoesNotSealWhileTheFirstHoldsTheLease() {
        engine.appendEvents(weighings("parcel-1", 0, 3));
        clock.advance(Duration.ofSeconds(3));
        MongoCollection<Document> chain = database.getCollection(EventChainSealer.CHAIN_COLLECTION);
        assertThat(new ChainLease(chain, "sealer", "first", clock, Duration.ofSeconds(30)).claim())
                .isTrue();

        assertThat(sealer.seal()).isZero();
        clock.advance(Duration.ofSeconds(31));
        assertThat(sealer.seal()).isEqualTo(3);
    }

    private Document weighingDocument(long position) {
        Document copy = new Document(events.find(Filters.eq("_id", 1L)).first());
        copy.remove(ChainLinks.CHAIN_INDEX);
        copy.remove(ChainLinks.CHAIN_LINK);
        return copy.append("_id", position)
                .append("streamKey", "parcel-9/0000000000000000000")
                .append("aggregateIdentifier", "parcel-9")
                .append("eventIdentifier", "late-" + position);
    }
}
