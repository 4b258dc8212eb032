package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.StoreFixtures.lastToken;
import static io.orderengine.infrastructure.eventstore.StoreFixtures.readAll;
import static io.orderengine.infrastructure.eventstore.StoreFixtures.weighings;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.testkit.MutableClock;
import io.orderengine.testkit.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * A tracking token holds its index plus the gaps still open, whatever the number of events written: after 100,000
 * events (with ten crashed commits among them) it is a few hundred bytes, and once the gaps time out, a few dozen.
 */
class TrackingTokenSizeTest {

    private static final int EVENTS = 100_000;
    private static final int PER_COMMIT = 500;
    private static final int CRASHED_COMMITS = 10;

    @Test
    void keepsTheTokenAsSmallAsItsOpenGapsAfterOneHundredThousandEvents() {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
        Serializer serializer = StoreFixtures.serializer();
        try (TestMongo mongo = StoreFixtures.mongo()) {
            MongoGlobalSequenceEventStorageEngine engine = StoreFixtures.engine(mongo.database(), clock);
            int commits = EVENTS / PER_COMMIT;
            for (int commit = 0; commit < commits; commit++) {
                if (commit % (commits / CRASHED_COMMITS) == commits / CRASHED_COMMITS / 2) {
                    engine.allocate(2);
                }
                engine.appendEvents(weighings("parcel-" + commit, 0, PER_COMMIT));
            }

            List<TrackedEventMessage<?>> all = readAll(engine, null);
            GapAwareTrackingToken afterAll = (GapAwareTrackingToken) lastToken(all, null);
            int openSize =
                    serializer.serialize(afterAll, String.class).getData().length();

            clock.advance(Duration.ofSeconds(61));
            engine.appendEvents(weighings("parcel-last", 0, 1));
            TrackingToken settled = lastToken(readAll(engine, afterAll), afterAll);
            int settledSize =
                    serializer.serialize(settled, String.class).getData().length();

            System.out.printf(
                    "[token] after %d events: %d open gaps, %d bytes serialized; after the gap timeout:"
                            + " %d bytes%n",
                    all.size(), afterAll.getGaps().size(), openSize, settledSize);
            assertThat(all).hasSize(EVENTS);
            assertThat(afterAll.getIndex()).isEqualTo(EVENTS + 2L * CRASHED_COMMITS);
            assertThat(afterAll.getGaps()).hasSize(2 * CRASHED_COMMITS);
            assertThat(openSize).isLessThan(400);
            assertThat(((GapAwareTrackingToken) settled).getGaps()).isEmpty();
            assertThat(settledSize).isLessThan(64);
        }
    }
}
