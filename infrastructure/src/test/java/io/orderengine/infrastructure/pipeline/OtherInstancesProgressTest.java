package io.orderengine.infrastructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import io.orderengine.infrastructure.axon.AxonMongoConfiguration;
import io.orderengine.infrastructure.axon.SegmentClaims;
import io.orderengine.infrastructure.store.index.IndexedH2Backend;
import io.orderengine.testkit.TestMongo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Another instance's progress, read from the token store: an event counts as handled once the stored token of the
 * segment that handles its aggregate covers the event's position; the other segments' tokens do not count.
 */
class OtherInstancesProgressTest {

    private static final String PROCESSOR = "order-detail";
    private static final Duration BRIEFLY = Duration.ofMillis(100);

    private final TestMongo mongo = TestMongo.start(IndexedH2Backend::inMemory);
    private final MongoTemplate template =
            DefaultMongoTemplate.builder().mongoDatabase(mongo.database()).build();
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonMongoConfiguration.messageObjectMapper())
            .build();
    private final TokenStore tokens =
            new AxonMongoConfiguration().tokenStore(template, serializer, SegmentClaims.SHARED);
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final OtherInstancesProgress progress =
            new OtherInstancesProgress(template.trackingTokensCollection(), serializer, (aggregateId, sequence) -> {
                Long position = positions.get(aggregateId + "#" + sequence);
                return position == null ? OptionalLong.empty() : OptionalLong.of(position);
            });

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void anEventIsHandledOnceTheTokenOfItsAggregatesSegmentCoversItsPosition() throws InterruptedException {
        tokens.initializeTokenSegments(PROCESSOR, 4, GapAwareTrackingToken.newInstance(0, List.of()));
        positions.put("order-1#0", 10L);
        int segment = segmentOf("order-1");

        store(segment, GapAwareTrackingToken.newInstance(9, List.of()));
        assertThat(progress.awaitHandled(PROCESSOR, "order-1", 0, BRIEFLY)).isFalse();

        store(segment, GapAwareTrackingToken.newInstance(12, List.of(10L)));
        assertThat(progress.awaitHandled(PROCESSOR, "order-1", 0, BRIEFLY))
                .as("position 10 is still a gap of the token")
                .isFalse();

        store(segment, GapAwareTrackingToken.newInstance(12, List.of(7L)));
        assertThat(progress.awaitHandled(PROCESSOR, "order-1", 0, BRIEFLY))
                .as("a gap below the event (an older commit still being written) does not matter")
                .isTrue();
    }

    @Test
    void aTokenPassedAPositionWhenItIsAtOrBeyondItAndItIsNotOneOfItsGaps() {
        assertThat(OtherInstancesProgress.passed(GapAwareTrackingToken.newInstance(10, List.of()), 10))
                .isTrue();
        assertThat(OtherInstancesProgress.passed(GapAwareTrackingToken.newInstance(9, List.of()), 10))
                .isFalse();
        assertThat(OtherInstancesProgress.passed(GapAwareTrackingToken.newInstance(12, List.of(10L)), 10))
                .isFalse();
        assertThat(OtherInstancesProgress.passed(GapAwareTrackingToken.newInstance(12, List.of(3L, 11L)), 10))
                .isTrue();
        assertThat(OtherInstancesProgress.passed(
                        ReplayToken.createReplayToken(
                                GapAwareTrackingToken.newInstance(50, List.of()),
                                GapAwareTrackingToken.newInstance(12, List.of())),
                        10))
                .isTrue();
        assertThat(OtherInstancesProgress.passed(null, 10)).isFalse();
    }

    @Test
    void theTokensOfTheOtherSegmentsDoNotCount() throws InterruptedException {
        tokens.initializeTokenSegments(PROCESSOR, 4, GapAwareTrackingToken.newInstance(0, List.of()));
        positions.put("order-1#0", 10L);
        int segment = segmentOf("order-1");
        for (int other = 0; other < 4; other++) {
            if (other != segment) {
                store(other, GapAwareTrackingToken.newInstance(1_000, List.of()));
            }
        }

        assertThat(progress.awaitHandled(PROCESSOR, "order-1", 0, BRIEFLY)).isFalse();
    }

    @Test
    void anEventNotInTheLogOrAProcessorWithoutTokensIsNotHandled() throws InterruptedException {
        assertThat(progress.awaitHandled(PROCESSOR, "order-1", 0, BRIEFLY)).isFalse();
        positions.put("order-1#0", 10L);
        assertThat(progress.awaitHandled(PROCESSOR, "order-1", 0, BRIEFLY)).isFalse();
    }

    @Test
    void requestsWaitingAtOnceShareOneReadOfAProcessorsTokensPerPollInterval() {
        tokens.initializeTokenSegments(PROCESSOR, 4, GapAwareTrackingToken.newInstance(0, List.of()));
        tokens.initializeTokenSegments("customer-stats", 2, GapAwareTrackingToken.newInstance(0, List.of()));
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        OtherInstancesProgress shared = new OtherInstancesProgress(
                counted(template.trackingTokensCollection(), reads),
                serializer,
                (aggregateId, sequence) -> OptionalLong.empty(),
                now::get);

        shared.tokenOfSegmentHandling(PROCESSOR, "order-1");
        shared.tokenOfSegmentHandling(PROCESSOR, "order-2");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(OtherInstancesProgress.POLL_MILLIS) - 1);
        shared.tokenOfSegmentHandling(PROCESSOR, "order-3");
        assertThat(reads).as("one read within a poll interval").hasValue(1);

        shared.tokenOfSegmentHandling("customer-stats", "order-1");
        assertThat(reads).as("another processor's tokens are read apart").hasValue(2);

        store(segmentOf("order-1"), GapAwareTrackingToken.newInstance(12, List.of()));
        assertThat(OtherInstancesProgress.passed(shared.tokenOfSegmentHandling(PROCESSOR, "order-1"), 12))
                .as("the shared read is answered until it is a poll interval old")
                .isFalse();
        now.addAndGet(1);
        assertThat(OtherInstancesProgress.passed(shared.tokenOfSegmentHandling(PROCESSOR, "order-1"), 12))
                .as("then the tokens are read again")
                .isTrue();
        assertThat(reads).hasValue(3);
    }

    /** The collection, counting its finds in {@code reads}. */
    @SuppressWarnings("unchecked")
    private static MongoCollection<Document> counted(MongoCollection<Document> real, AtomicInteger reads) {
        return (MongoCollection<Document>) Proxy.newProxyInstance(
                OtherInstancesProgressTest.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class},
                (proxy, method, args) -> {
                    if ("find".equals(method.getName())) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static int segmentOf(String aggregateId) {
        int[] ids = {0, 1, 2, 3};
        for (int id : ids) {
            if (Segment.computeSegment(id, ids).matches(aggregateId)) {
                return id;
            }
        }
        throw new AssertionError("no segment for " + aggregateId);
    }

    /** What the owning instance does after a batch: claims its segment and stores its token. */
    private void store(int segment, TrackingToken token) {
        tokens.fetchToken(PROCESSOR, segment);
        tokens.storeToken(token, PROCESSOR, segment);
    }
}
