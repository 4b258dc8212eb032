package io.orderengine.infrastructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Processors of this instance are told when events arrive: the streams accept an on-available callback and it runs
 * after a commit, with the store's own poll set to an hour so nothing but the push could wake them. Another
 * instance's commit on the same storage reaches them through the probe of the allocated head.
 */
class PushingEventStoreTest {

    private final PushingEventStore store = (PushingEventStore) PushingEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .fetchDelay(1)
            .timeUnit(TimeUnit.HOURS)
            .build();

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void streamsAcceptACallbackThatRunsWhenACommitArrives() throws InterruptedException {
        TrackingEventStream stream = store.openStream(null);
        AtomicInteger calls = new AtomicInteger();

        assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).isTrue();
        assertThat(stream.hasNextAvailable()).isFalse();
        append("order-1", 0);

        await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() > 0);
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("order-1#0");
    }

    @Test
    void everyCommitRunsTheCallbacksAgainAndAClosedStreamIsForgotten() throws InterruptedException {
        TrackingEventStream first = store.openStream(null);
        TrackingEventStream second = store.openStream(null);
        AtomicInteger firstCalls = new AtomicInteger();
        AtomicInteger secondCalls = new AtomicInteger();
        first.setOnAvailableCallback(firstCalls::incrementAndGet);
        second.setOnAvailableCallback(secondCalls::incrementAndGet);

        append("order-1", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> firstCalls.get() > 0 && secondCalls.get() > 0);
        second.close();
        int secondBefore = secondCalls.get();
        int firstBefore = firstCalls.get();
        append("order-2", 0);

        await().atMost(Duration.ofSeconds(30)).until(() -> firstCalls.get() > firstBefore);
        assertThat(secondCalls.get()).isEqualTo(secondBefore);
        assertThat(store.callbackCount()).isEqualTo(1);
        first.close();
    }

    @Test
    void recordsTheAppendedEventsOfACapturedPieceOfWork() {
        WriteCapture.Captured<String> captured = WriteCapture.capture(() -> {
            append("order-7", 0);
            append("order-7", 1);
            return "done";
        });
        append("order-8", 0);

        assertThat(captured.result()).isEqualTo("done");
        assertThat(captured.written())
                .containsExactly(
                        new WriteCapture.Written("order-7", 0, String.class),
                        new WriteCapture.Written("order-7", 1, String.class));
    }

    @Test
    void anotherInstancesCommitIsFoundByTheProbeLongBeforeTheHourlyPoll() throws InterruptedException {
        instanceBHearsOfACommitOfInstanceAThroughTheProbe(PushingEventStore.QUIET_AFTER);
    }

    @Test
    void anIdleInstanceStillProbesOnlyLessOften() throws InterruptedException {
        instanceBHearsOfACommitOfInstanceAThroughTheProbe(Duration.ZERO);
    }

    /** Two instances on one storage; B probes (quiet after {@code quietAfter}), each polls once an hour. */
    private static void instanceBHearsOfACommitOfInstanceAThroughTheProbe(Duration quietAfter)
            throws InterruptedException {
        InMemoryEventStorageEngine shared = new InMemoryEventStorageEngine();
        PushingEventStore instanceA = instance(shared, null, quietAfter);
        append(instanceA, "order-0", 0);
        PushingEventStore instanceB = instance(shared, () -> headPosition(shared), quietAfter);
        try {
            TrackingEventStream onB = instanceB.openStream(instanceB.createHeadToken());
            AtomicInteger calls = new AtomicInteger();
            onB.setOnAvailableCallback(calls::incrementAndGet);
            readerOfBIsFollowingTheHead(instanceB, onB, calls);

            append(instanceA, "order-1", 0);

            await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() > 0);
            assertThat(onB.hasNextAvailable()).isTrue();
            assertThat(onB.nextAvailable().getPayload()).isEqualTo("order-1#0");
            assertThat(instanceB.probeWakes()).isPositive();
        } finally {
            instanceA.shutDown();
            instanceB.shutDown();
        }
    }

    @Test
    void aPositionAllocatedButNeverWrittenWakesTheReaderABoundedNumberOfTimes() {
        AtomicLong allocated = new AtomicLong(-1);
        PushingEventStore probed =
                instance(new InMemoryEventStorageEngine(), allocated::get, PushingEventStore.QUIET_AFTER);
        try {
            probed.openStream(null);
            allocated.set(41);

            await().atMost(Duration.ofSeconds(30)).until(() -> probed.probeWakes() == PushingEventStore.MAX_WAKES);
            long wakes = probed.probeWakes();
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            assertThat(probed.probeWakes())
                    .as("no more wakes for the same position")
                    .isEqualTo(wakes);

            allocated.set(42);
            await().atMost(Duration.ofSeconds(30)).until(() -> probed.probeWakes() > wakes);
        } finally {
            probed.shutDown();
        }
    }

    /**
     * A commit of B itself reaches B's stream (so B's reader has started and read past what A wrote before): from
     * here on only a probe can tell B of A's commits. Resets the callback count.
     */
    private static void readerOfBIsFollowingTheHead(
            PushingEventStore instanceB, TrackingEventStream onB, AtomicInteger calls) throws InterruptedException {
        append(instanceB, "order-b", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() > 0);
        assertThat(onB.nextAvailable().getPayload()).isEqualTo("order-b#0");
        calls.set(0);
    }

    /** An instance whose own poll is an hour apart, probing {@code allocatedHead} every 10 ms when given one. */
    private static PushingEventStore instance(
            InMemoryEventStorageEngine storage, LongSupplier allocatedHead, Duration quietAfter) {
        PushingEventStore.Builder builder = PushingEventStore.builder().quietAfter(quietAfter);
        if (allocatedHead != null) {
            builder.probe(allocatedHead, Duration.ofMillis(10));
        }
        return (PushingEventStore) builder.storageEngine(storage)
                .fetchDelay(1)
                .timeUnit(TimeUnit.HOURS)
                .build();
    }

    private static long headPosition(InMemoryEventStorageEngine storage) {
        TrackingToken head = storage.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private void append(String aggregateId, long sequence) {
        append(store, aggregateId, sequence);
    }

    private static void append(PushingEventStore target, String aggregateId, long sequence) {
        DefaultUnitOfWork.startAndGet(null)
                .execute(() -> target.publish(List.of(new GenericDomainEventMessage<>(
                        "Order", aggregateId, sequence, aggregateId + "#" + sequence))));
    }
}
