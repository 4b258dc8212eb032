package io.orderengine.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.orderengine.infrastructure.store.index.IndexedH2Backend;
import io.orderengine.testkit.TestMongo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A processor that holds all of its segments is told what the store would say without asking it; anything else
 * (a release, a lost claim, a new segment) is answered by the store again.
 */
class HeldSegmentsTest {

    private static final String PROCESSOR = "order-detail";

    private final AtomicInteger tokenCommands = new AtomicInteger();
    private final TestMongo mongo = TestMongo.start(IndexedH2Backend::inMemory, new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommand().toJson().contains("trackingtokens")) {
                tokenCommands.incrementAndGet();
            }
        }
    });
    private final MongoTokenStore store = tokens("node-a", Duration.ofMillis(300));
    private final HeldSegments held = new HeldSegments(store);

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aProcessorHoldingEverySegmentIsAnsweredFromMemoryAsTheStoreWouldAnswer() {
        holdEverySegment(4);

        tokenCommands.set(0);
        List<Segment> answer = null;
        for (int scan = 0; scan < 10; scan++) {
            answer = held.fetchAvailableSegments(PROCESSOR);
        }
        assertThat(tokenCommands).as("store commands for ten scans").hasValue(0);
        assertThat(answer).containsExactlyInAnyOrderElementsOf(store.fetchAvailableSegments(PROCESSOR));
        assertThat(answer).extracting(Segment::getSegmentId).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aReleasedSegmentSendsTheNextScanToTheStore() {
        holdEverySegment(2);

        held.releaseClaim(PROCESSOR, 1);
        tokenCommands.set(0);
        List<Segment> answer = held.fetchAvailableSegments(PROCESSOR);

        assertThat(tokenCommands.get()).as("store commands").isPositive();
        assertThat(answer).containsExactlyInAnyOrderElementsOf(store.fetchAvailableSegments(PROCESSOR));

        held.fetchToken(PROCESSOR, 1);
        held.fetchAvailableSegments(PROCESSOR);
        tokenCommands.set(0);
        held.fetchAvailableSegments(PROCESSOR);
        assertThat(tokenCommands).as("held again: from memory").hasValue(0);
    }

    @Test
    void aClaimAnotherInstanceTookOverIsDroppedWhenItsExtensionFails() {
        MongoTokenStore other = tokens("node-b", Duration.ofMillis(300));
        holdEverySegment(2);

        // node-a's claim on segment 1 lapses (claims hold 300 ms here) and node-b takes it
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            other.fetchToken(PROCESSOR, 1);
            return true;
        });
        assertThatThrownBy(() -> held.extendClaim(PROCESSOR, 1)).isInstanceOf(UnableToClaimTokenException.class);

        tokenCommands.set(0);
        List<Segment> answer = held.fetchAvailableSegments(PROCESSOR);
        assertThat(tokenCommands.get()).as("store commands").isPositive();
        assertThat(answer).containsExactlyInAnyOrderElementsOf(store.fetchAvailableSegments(PROCESSOR));
    }

    @Test
    void aSegmentAddedThroughTheStoreIsOfferedAtTheNextScan() {
        holdEverySegment(2);

        // what a split of segment 0 of {0, 1} writes: segment 2 (mask 0b11), free
        held.initializeSegment(new GlobalSequenceTrackingToken(0), PROCESSOR, 2);

        assertThat(held.fetchAvailableSegments(PROCESSOR))
                .extracting(Segment::getSegmentId)
                .contains(2);
    }

    /** The processor gets {@code count} segments, claims them all and looks once (which reads the segment ids). */
    private void holdEverySegment(int count) {
        held.initializeTokenSegments(PROCESSOR, count);
        for (int segment = 0; segment < count; segment++) {
            held.fetchToken(PROCESSOR, segment);
        }
        held.fetchAvailableSegments(PROCESSOR);
    }

    private MongoTokenStore tokens(String node, Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(mongo.database())
                        .build())
                .serializer(JacksonSerializer.builder()
                        .objectMapper(AxonMongoConfiguration.messageObjectMapper())
                        .build())
                .transactionManager(NoTransactionManager.INSTANCE)
                .claimTimeout(claimTimeout)
                .nodeId(node)
                .build();
    }
}
