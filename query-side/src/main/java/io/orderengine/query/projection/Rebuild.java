package io.orderengine.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * One rebuild of a projection run by {@link ProjectionRebuilder}: the new generation it writes, its own single-segment
 * pooled streaming processor (with its executors) reading from the first event, and where it stands (state, last
 * error, position, start and end), which it reports as a {@link RebuildProgress}.
 */
final class Rebuild {

    static final long STOP_TIMEOUT_SECONDS = 60;

    private final RebuildableProjection projection;
    private final ProjectionTarget target;
    private final String processorName;
    private final Instant startedAt;
    private final Supplier<Long> totalEvents;
    private final CountingMessageSource source;
    private final ScheduledExecutorService coordinator;
    private final ScheduledExecutorService workers;
    private final PooledStreamingEventProcessor processor;
    private volatile RebuildProgress.State state = RebuildProgress.State.CATCHING_UP;
    private volatile String lastError;
    private volatile Instant finishedAt;
    private volatile Long position;
    private volatile boolean stopped;
    private Long headOfLastCheck;

    /**
     * A rebuild of {@code projection} into {@code target} by a processor named {@code processorName}, which reads
     * {@code events} and keeps its token in {@code tokenStore}; {@code totalEvents} gives the events in the store.
     */
    Rebuild(
            RebuildableProjection projection,
            ProjectionTarget target,
            String processorName,
            Instant startedAt,
            StreamableMessageSource<TrackedEventMessage<?>> events,
            TokenStore tokenStore,
            int batchSize,
            Duration segmentScanInterval,
            Supplier<Long> totalEvents) {
        this.projection = projection;
        this.target = target;
        this.processorName = processorName;
        this.startedAt = startedAt;
        this.totalEvents = totalEvents;
        this.source = new CountingMessageSource(events);
        this.coordinator = Executors.newSingleThreadScheduledExecutor(threads(processorName + "-coordinator"));
        this.workers = Executors.newScheduledThreadPool(1, threads(processorName + "-worker"));
        this.processor = PooledStreamingEventProcessor.builder()
                .name(processorName)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(projection.handlerFor(target))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(source)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(1)
                .initialToken(StreamableMessageSource::createTailToken)
                .batchSize(batchSize)
                .tokenClaimInterval(segmentScanInterval.toMillis())
                .claimExtensionThreshold(segmentScanInterval.toMillis())
                .build();
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    String name() {
        return projection.processingGroup();
    }

    RebuildableProjection projection() {
        return projection;
    }

    ProjectionTarget target() {
        return target;
    }

    String processorName() {
        return processorName;
    }

    PooledStreamingEventProcessor processor() {
        return processor;
    }

    void start() {
        processor.start();
    }

    /** The live processor is being paused for the hand-over. */
    void switching() {
        this.state = RebuildProgress.State.SWITCHING;
    }

    void lastError(String error) {
        this.lastError = error;
    }

    synchronized void stop() {
        if (stopped) {
            return;
        }
        position();
        stopped = true;
        try {
            processor.shutdownAsync().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("rebuild processor " + processorName + " did not stop", e);
        } finally {
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }

    void finish(RebuildProgress.State state, String error, Instant at) {
        this.lastError = error;
        this.finishedAt = at;
        this.state = state;
    }

    private Long position() {
        EventTrackerStatus status =
                stopped ? null : processor.processingStatus().get(0);
        if (status != null && status.getCurrentPosition().isPresent()) {
            position = status.getCurrentPosition().getAsLong();
        }
        return position;
    }

    /**
     * Whether the rebuild has read every event up to where the head of the stream was at the previous check;
     * remembers {@code head} for the next check. Called by the supervisor thread only.
     */
    boolean reachedHeadOfLastCheck(Long head) {
        Long previous = headOfLastCheck;
        headOfLastCheck = head;
        Long reached = position();
        return previous != null && reached != null && reached >= previous;
    }

    RebuildProgress progress() {
        return new RebuildProgress(
                name(),
                target.generation(),
                processorName,
                state,
                source.read(),
                totalEvents.get(),
                position(),
                startedAt,
                finishedAt,
                lastError);
    }
}
