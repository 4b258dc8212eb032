package io.orderengine.api.engine.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * Measures how far each event processor of this instance is behind the head of the event store: in events (the head's
 * global position minus the lowest position of the segments this instance holds) and in seconds (how long ago the
 * oldest event it has not handled yet was already in the store, from a history of head positions, so to within one
 * sample interval), whether it is in error, and the dead letters of each processor that has a dead-letter queue.
 * Published as gauges and read by {@link ProcessorsHealthIndicator}.
 */
public class ProcessorLag {

    private static final Duration HISTORY = Duration.ofHours(1);

    /** One processor as last measured. */
    public record GroupLag(
            String group,
            boolean running,
            boolean error,
            String errorDetail,
            int segmentsHeld,
            long eventsBehind,
            long secondsBehind,
            boolean caughtUpOnce,
            Instant overMaxLagSince) {}

    private record HeadAt(Instant at, long position) {}

    private final Supplier<Map<String, StreamingEventProcessor>> processors;
    private final LongSupplier headPosition;
    private final Supplier<Map<String, SequencedDeadLetterQueue<?>>> deadLetterQueues;
    private final MeterRegistry registry;
    private final ProcessorHealthProperties properties;
    private final Clock clock;
    private final Deque<HeadAt> heads = new ArrayDeque<>();
    private final Map<String, GroupLag> last = new ConcurrentHashMap<>();
    private final Map<String, Long> deadLetters = new ConcurrentHashMap<>();
    private volatile Instant sampledAt = Instant.EPOCH;

    public ProcessorLag(
            Supplier<Map<String, StreamingEventProcessor>> processors,
            LongSupplier headPosition,
            Supplier<Map<String, SequencedDeadLetterQueue<?>>> deadLetterQueues,
            MeterRegistry registry,
            ProcessorHealthProperties properties,
            Clock clock) {
        this.processors = processors;
        this.headPosition = headPosition;
        this.deadLetterQueues = deadLetterQueues;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    /** The last measurement, measured anew when older than {@code maxAge}. */
    public Collection<GroupLag> current(Duration maxAge) {
        if (Duration.between(sampledAt, clock.instant()).compareTo(maxAge) > 0) {
            sample();
        }
        return last.values();
    }

    /** Dead letters (sequences) per processing group with a dead-letter queue, as last measured. */
    public Map<String, Long> deadLetters() {
        return Map.copyOf(deadLetters);
    }

    /** Measures every processor now. */
    public synchronized void sample() {
        Instant now = clock.instant();
        long headPosition = this.headPosition.getAsLong();
        remember(now, headPosition);
        Map<String, GroupLag> measured = new LinkedHashMap<>();
        processors.get().forEach((name, processor) -> measured.put(name, measure(name, processor, now, headPosition)));
        measured.forEach((name, lag) -> {
            if (last.put(name, lag) == null) {
                Gauge.builder("orderengine.processor.lag.events", last, map -> behind(map, name, true))
                        .description("events this instance's segments of the processor are behind the store's head")
                        .tag("group", name)
                        .register(registry);
                Gauge.builder("orderengine.processor.lag.seconds", last, map -> behind(map, name, false))
                        .description("how long the oldest event the processor has not handled has been in the store")
                        .baseUnit("seconds")
                        .tag("group", name)
                        .register(registry);
            }
        });
        deadLetterQueues.get().forEach((name, queue) -> {
            long count = queue.amountOfSequences();
            if (deadLetters.put(name, count) == null) {
                Gauge.builder("orderengine.deadletters", deadLetters, map -> map.getOrDefault(name, 0L))
                        .description(
                                "sequences (an order's events queued behind a failed one) in the dead-letter queue")
                        .tag("group", name)
                        .register(registry);
            }
        });
        sampledAt = now;
    }

    private GroupLag measure(String name, StreamingEventProcessor processor, Instant now, long headPosition) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        long lowest = Long.MAX_VALUE;
        String errorDetail = processor.isError() ? "processor stopped after an error" : null;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong at = segment.getCurrentPosition();
            lowest = Math.min(lowest, at.isPresent() ? at.getAsLong() : 0L);
            if (segment.isErrorState() && errorDetail == null) {
                Throwable error = segment.getError();
                errorDetail = "segment " + segment.getSegment().getSegmentId() + ": "
                        + (error == null ? "error" : error.getClass().getSimpleName());
            }
        }
        long eventsBehind = status.isEmpty() ? 0 : Math.max(0, headPosition - lowest);
        long secondsBehind = status.isEmpty() ? 0 : secondsBehind(lowest, now);
        GroupLag before = last.get(name);
        boolean within = eventsBehind <= properties.maxLag();
        boolean caughtUpOnce = (before != null && before.caughtUpOnce()) || (within && !status.isEmpty());
        Instant overSince =
                within ? null : before != null && before.overMaxLagSince() != null ? before.overMaxLagSince() : now;
        return new GroupLag(
                name,
                processor.isRunning(),
                errorDetail != null,
                errorDetail,
                status.size(),
                eventsBehind,
                secondsBehind,
                caughtUpOnce,
                overSince);
    }

    private long secondsBehind(long position, Instant now) {
        for (HeadAt sample : heads) {
            if (sample.position() > position) {
                return Math.max(0, Duration.between(sample.at(), now).toSeconds());
            }
        }
        return 0;
    }

    private void remember(Instant now, long headPosition) {
        heads.addLast(new HeadAt(now, headPosition));
        while (heads.size() > 1 && heads.peekFirst().at().isBefore(now.minus(HISTORY))) {
            heads.removeFirst();
        }
    }

    private static double behind(Map<String, GroupLag> map, String name, boolean events) {
        GroupLag lag = map.get(name);
        return lag == null ? 0 : events ? lag.eventsBehind() : lag.secondsBehind();
    }

    /** The position of a head token ({@code eventStore.createHeadToken()}), 0 for none. */
    public static long position(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? position.getAsLong() : 0;
    }
}
