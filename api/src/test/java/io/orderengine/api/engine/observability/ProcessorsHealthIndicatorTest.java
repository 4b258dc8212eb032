package io.orderengine.api.engine.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderengine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class ProcessorsHealthIndicatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final AtomicLong head = new AtomicLong(100);
    private final AtomicLong position = new AtomicLong(100);
    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    private final EventTrackerStatus segment = mock(EventTrackerStatus.class);
    private final SequencedDeadLetterQueue<?> deadLetters = mock(SequencedDeadLetterQueue.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProcessorHealthProperties properties =
            new ProcessorHealthProperties(50L, Duration.ofSeconds(60), Duration.ofSeconds(5));
    private final ProcessorLag lag = new ProcessorLag(
            () -> Map.of("order-detail", processor),
            head::get,
            () -> Map.of("notifications", deadLetters),
            registry,
            properties,
            clock);
    private final ProcessorsHealthIndicator health = new ProcessorsHealthIndicator(lag, properties, clock);

    ProcessorsHealthIndicatorTest() {
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenAnswer(call -> {
            Map<Integer, EventTrackerStatus> status = new HashMap<>();
            status.put(0, segment);
            return status;
        });
        when(segment.getSegment()).thenReturn(Segment.ROOT_SEGMENT);
        when(segment.getCurrentPosition()).thenAnswer(call -> OptionalLong.of(position.get()));
    }

    private Health check() {
        clock.advance(Duration.ofSeconds(2)); // older than the indicator's one-second freshness
        return health.health();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> processorDetails(Health result) {
        return (Map<String, Object>) ((Map<String, Object>) result.getDetails().get("processors")).get("order-detail");
    }

    @Test
    void aCaughtUpProcessorIsReadyAndItsLagIsPublished() {
        Health result = check();

        assertThat(result.getStatus()).isEqualTo(Status.UP);
        assertThat(processorDetails(result)).containsEntry("state", "ok").containsEntry("eventsBehind", 0L);
        assertThat(registry.get("orderengine.processor.lag.events")
                        .tag("group", "order-detail")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void aProcessorInErrorMakesTheInstanceNotReadyWithTheErrorInTheDetails() {
        check();
        when(segment.isErrorState()).thenReturn(true);
        when(segment.getError()).thenReturn(new IllegalStateException("store down"));

        Health result = check();

        assertThat(result.getStatus()).isEqualTo(Status.DOWN);
        assertThat(processorDetails(result))
                .containsEntry("state", "error")
                .containsEntry("error", "segment 0: IllegalStateException");

        when(segment.isErrorState()).thenReturn(false);
        assertThat(check().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void behindByMoreThanTheMaxLagIsToleratedForTheGraceThenNotReadyUntilCaughtUp() {
        check();
        head.set(1_000);

        assertThat(check().getStatus()).isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(40));
        assertThat(check().getStatus()).isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(30));
        Health behind = check();
        assertThat(behind.getStatus()).isEqualTo(Status.DOWN);
        assertThat(processorDetails(behind)).containsEntry("state", "behind").containsEntry("eventsBehind", 900L);
        assertThat((Long) processorDetails(behind).get("secondsBehind")).isGreaterThanOrEqualTo(70L);
        assertThat(registry.get("orderengine.processor.lag.seconds")
                        .tag("group", "order-detail")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(70);

        position.set(990);
        assertThat(check().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void rightAfterStartAProcessorWithABacklogIsNotReadyUntilItHasCaughtUpOnce() {
        head.set(10_000);
        position.set(0);

        Health starting = check();
        assertThat(starting.getStatus()).isEqualTo(Status.DOWN);
        assertThat(processorDetails(starting)).containsEntry("state", "catching-up");

        position.set(9_980);
        assertThat(check().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void deadLettersAreCountedPerProcessingGroup() {
        when(deadLetters.amountOfSequences()).thenReturn(3L);

        check();

        assertThat(registry.get("orderengine.deadletters")
                        .tag("group", "notifications")
                        .gauge()
                        .value())
                .isEqualTo(3);
    }
}
