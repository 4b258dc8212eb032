package io.orderengine.query.projection;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Rebuilds projections from the event store without downtime. A rebuild of projection P:
 * <ol>
 * <li>picks the next generation of P's collections (the alias in {@link ProjectionCollections} still points at the
 *     current one, which keeps serving), drops what earlier rebuilds left behind and declares the indexes;</li>
 * <li>starts a second, separately named pooled streaming processor ({@code P-rebuild-<generation>-<random>}) with a
 *     new instance of P's handlers bound to the new collections, reading from the first event;</li>
 * <li>once it has caught up with the head of the stream: pauses P's live processor, stops the rebuild processor,
 *     runs P's activation step (for order-detail: archive what is due), gives the live processor the rebuild's token
 *     for every segment, points the alias at the new generation and starts the live processor again. The live
 *     processor thus continues exactly where the rebuild stopped, now writing the new generation: no event is missed
 *     or applied twice, whatever the two processors' positions were. The pause lasts as long as two processor
 *     stops and a few token writes; reads are served throughout;</li>
 * <li>drops the previous generation after a grace period ({@code dropPreviousAfter}), so readers on other engine
 *     instances, which see the switch within a few seconds, never read a dropped collection.</li>
 * </ol>
 * One rebuild per projection at a time. Progress lives in memory: after a restart a half-done rebuild is simply
 * gone (its collections are dropped by the next rebuild) and the old generation keeps serving.
 */
public final class ProjectionRebuilder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TokenStore tokenStore;
    private final Function<String, Optional<StreamingEventProcessor>> liveProcessors;
    private final ProjectionCollections collections;
    private final Map<String, RebuildableProjection> projections;
    private final Map<String, Consumer<ProjectionTarget>> activationSteps;
    private final LongSupplier eventCount;
    private final Duration dropPreviousAfter;
    private final Duration checkInterval;
    private final int batchSize;
    private final Clock clock;
    private final ScheduledExecutorService supervisor;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();

    private ProjectionRebuilder(Builder builder) {
        this.events = Objects.requireNonNull(builder.events, "events");
        this.tokenStore = Objects.requireNonNull(builder.tokenStore, "tokenStore");
        this.liveProcessors = builder.liveProcessors;
        this.collections = Objects.requireNonNull(builder.collections, "collections");
        this.projections = new LinkedHashMap<>();
        builder.projections.forEach(projection -> projections.put(projection.processingGroup(), projection));
        this.activationSteps = Map.copyOf(builder.activationSteps);
        this.eventCount = builder.eventCount;
        this.dropPreviousAfter = builder.dropPreviousAfter;
        this.checkInterval = builder.checkInterval;
        this.batchSize = builder.batchSize;
        this.clock = builder.clock;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(threads("projection-rebuilds"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The names of the projections that can be rebuilt, in registration order. */
    public List<String> projectionNames() {
        return List.copyOf(projections.keySet());
    }

    /**
     * Starts rebuilding {@code name} and returns at once; follow it with {@link #progress(String)}.
     *
     * @throws UnknownProjectionException  when no projection has that name
     * @throws RebuildInProgressException when a rebuild of it is still running
     */
    public synchronized RebuildProgress start(String name) {
        RebuildableProjection projection = projections.get(name);
        if (projection == null) {
            throw new UnknownProjectionException(name);
        }
        Rebuild previous = rebuilds.get(name);
        if (previous != null && previous.progress().running()) {
            throw new RebuildInProgressException(name);
        }
        int generation = collections.activeGeneration(name) + 1;
        List<String> dropped = collections.dropInactive(name, projection.collections());
        if (!dropped.isEmpty()) {
            log.info("rebuild of {}: dropped collections of earlier generations {}", name, dropped);
        }
        ProjectionTarget target = collections.generation(name, generation);
        projection.createIndexes(target);
        String processorName = name + "-rebuild-" + generation + "-" + UUID.randomUUID().toString().substring(0, 8);
        Rebuild rebuild = new Rebuild(projection, target, processorName, clock.instant());
        rebuilds.put(name, rebuild);
        rebuild.processor.start();
        log.info("rebuild of {} into generation {} started ({})", name, generation, processorName);
        supervisor.schedule(() -> supervise(rebuild), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
        return rebuild.progress();
    }

    /** The last rebuild of {@code name} since start-up, if any. */
    public Optional<RebuildProgress> progress(String name) {
        if (!projections.containsKey(name)) {
            throw new UnknownProjectionException(name);
        }
        return Optional.ofNullable(rebuilds.get(name)).map(Rebuild::progress);
    }

    /** The status of every projection. */
    public List<ProjectionStatus> status() {
        Long headPosition = headPosition();
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (RebuildableProjection projection : projections.values()) {
            statuses.add(status(projection, headPosition));
        }
        return statuses;
    }

    private Long headPosition() {
        TrackingToken head = events.createHeadToken();
        return head == null ? null : boxed(head.position());
    }

    private ProjectionStatus status(RebuildableProjection projection, Long headPosition) {
        String name = projection.processingGroup();
        Optional<StreamingEventProcessor> live = liveProcessors.apply(name);
        List<ProjectionStatus.SegmentStatus> segments = new ArrayList<>();
        live.ifPresent(processor -> processor.processingStatus().values().stream()
                .sorted((a, b) -> Integer.compare(a.getSegment().getSegmentId(), b.getSegment().getSegmentId()))
                .forEach(status -> segments.add(segmentStatus(status))));
        Long position = segments.isEmpty() || segments.stream().anyMatch(s -> s.position() == null) ? null
                : segments.stream().mapToLong(ProjectionStatus.SegmentStatus::position).min().orElseThrow();
        Long lag = position == null || headPosition == null ? null : Math.max(0, headPosition - position);
        int generation = collections.activeGeneration(name);
        Map<String, String> names = new LinkedHashMap<>();
        projection.collections()
                .forEach(base -> names.put(base, ProjectionCollections.collectionName(base, generation)));
        return new ProjectionStatus(name, live.map(StreamingEventProcessor::isRunning).orElse(false),
                live.map(StreamingEventProcessor::isError).orElse(false), segments, position, headPosition, lag,
                generation, names,
                Optional.ofNullable(rebuilds.get(name)).map(Rebuild::progress).orElse(null));
    }

    private static ProjectionStatus.SegmentStatus segmentStatus(EventTrackerStatus status) {
        return new ProjectionStatus.SegmentStatus(status.getSegment().getSegmentId(),
                boxed(status.getCurrentPosition()), status.isCaughtUp(), status.isReplaying(),
                status.isErrorState() && status.getError() != null ? status.getError().toString() : null);
    }

    private void supervise(Rebuild rebuild) {
        try {
            EventTrackerStatus segment = rebuild.processor.processingStatus().get(0);
            if (segment != null && segment.isErrorState()) {
                rebuild.lastError = String.valueOf(segment.getError());
            }
            if (segment != null && segment.isCaughtUp() && !segment.isErrorState()) {
                switchOver(rebuild);
                return;
            }
        } catch (RuntimeException e) {
            log.warn("rebuild of {}: status check failed", rebuild.name(), e);
        }
        supervisor.schedule(() -> supervise(rebuild), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void switchOver(Rebuild rebuild) {
        String name = rebuild.name();
        rebuild.state = RebuildProgress.State.SWITCHING;
        StreamingEventProcessor live = liveProcessors.apply(name).orElse(null);
        boolean liveWasRunning = live != null && live.isRunning();
        Map<Integer, TrackingToken> liveTokens = new HashMap<>();
        boolean activated = false;
        int previousGeneration = collections.activeGeneration(name);
        try {
            if (liveWasRunning) {
                live.shutdownAsync().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            rebuild.stop();
            TrackingToken reached = takeToken(rebuild.processorName);
            Consumer<ProjectionTarget> activationStep = activationSteps.get(name);
            if (activationStep != null) {
                activationStep.accept(rebuild.target);
            }
            for (int segment : tokenStore.fetchSegments(name)) {
                TrackingToken current = tokenStore.fetchToken(name, segment);
                // Only real changes: the MongoDB token store reports an update that changes nothing as a failure.
                if (!Objects.equals(current, reached)) {
                    tokenStore.storeToken(reached, name, segment);
                    liveTokens.put(segment, current);
                }
                tokenStore.releaseClaim(name, segment);
            }
            collections.activate(name, rebuild.target.generation());
            activated = true;
            rebuild.finish(RebuildProgress.State.DONE, null, clock.instant());
            log.info("rebuild of {} done: generation {} serves now", name, rebuild.target.generation());
            ProjectionTarget previous = collections.generation(name, previousGeneration);
            supervisor.schedule(() -> dropPrevious(rebuild, previous), dropPreviousAfter.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("rebuild of {} failed while switching; generation {} keeps serving", name,
                    previousGeneration, e);
            rebuild.stop();
            if (!activated) {
                restore(name, liveTokens);
            }
            rebuild.finish(RebuildProgress.State.FAILED, e.toString(), clock.instant());
        } finally {
            if (liveWasRunning) {
                live.start();
            }
        }
    }

    private TrackingToken takeToken(String processorName) {
        TrackingToken token = tokenStore.fetchToken(processorName, 0);
        tokenStore.deleteToken(processorName, 0);
        return token;
    }

    private void restore(String name, Map<Integer, TrackingToken> tokens) {
        tokens.forEach((segment, token) -> {
            try {
                tokenStore.storeToken(token, name, segment);
                tokenStore.releaseClaim(name, segment);
            } catch (RuntimeException e) {
                log.error("could not restore the token of {} segment {}", name, segment, e);
            }
        });
    }

    private void dropPrevious(Rebuild rebuild, ProjectionTarget previous) {
        if (collections.activeGeneration(rebuild.name()) != previous.generation()) {
            collections.drop(previous, rebuild.projection.collections());
            log.info("rebuild of {}: dropped generation {}", rebuild.name(), previous.generation());
        }
    }

    private Long totalEvents() {
        return eventCount != null ? Long.valueOf(eventCount.getAsLong()) : headPosition();
    }

    /** Stops running rebuild processors; their collections are dropped by the next rebuild. */
    @Override
    public void close() {
        supervisor.shutdownNow();
        rebuilds.values().forEach(Rebuild::stop);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class Rebuild {

        private final RebuildableProjection projection;
        private final ProjectionTarget target;
        private final String processorName;
        private final Instant startedAt;
        private final CountingMessageSource source;
        private final ScheduledExecutorService coordinator;
        private final ScheduledExecutorService workers;
        private final PooledStreamingEventProcessor processor;
        private volatile RebuildProgress.State state = RebuildProgress.State.CATCHING_UP;
        private volatile String lastError;
        private volatile Instant finishedAt;
        private volatile Long position;
        private volatile boolean stopped;

        private Rebuild(RebuildableProjection projection, ProjectionTarget target, String processorName,
                        Instant startedAt) {
            this.projection = projection;
            this.target = target;
            this.processorName = processorName;
            this.startedAt = startedAt;
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
                    .build();
        }

        private String name() {
            return projection.processingGroup();
        }

        private synchronized void stop() {
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

        private void finish(RebuildProgress.State state, String error, Instant at) {
            this.lastError = error;
            this.finishedAt = at;
            this.state = state;
        }

        private Long position() {
            EventTrackerStatus status = stopped ? null : processor.processingStatus().get(0);
            if (status != null && status.getCurrentPosition().isPresent()) {
                position = status.getCurrentPosition().getAsLong();
            }
            return position;
        }

        private RebuildProgress progress() {
            return new RebuildProgress(name(), target.generation(), processorName, state, source.read(),
                    totalEvents(), position(), startedAt, finishedAt, lastError);
        }
    }

    /** Wiring of a {@link ProjectionRebuilder}; events, token store, collections and projections are required. */
    public static final class Builder {

        private StreamableMessageSource<TrackedEventMessage<?>> events;
        private TokenStore tokenStore;
        private Function<String, Optional<StreamingEventProcessor>> liveProcessors = name -> Optional.empty();
        private ProjectionCollections collections;
        private final List<RebuildableProjection> projections = new ArrayList<>();
        private final Map<String, Consumer<ProjectionTarget>> activationSteps = new HashMap<>();
        private LongSupplier eventCount;
        private Duration dropPreviousAfter = Duration.ofMinutes(1);
        private Duration checkInterval = Duration.ofMillis(250);
        private int batchSize = 100;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The event store (every rebuild reads it from the first event). */
        public Builder events(StreamableMessageSource<TrackedEventMessage<?>> events) {
            this.events = events;
            return this;
        }

        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = tokenStore;
            return this;
        }

        /** Finds the live processor of a processing group, to pause it and hand it the rebuild's token. */
        public Builder liveProcessors(Function<String, Optional<StreamingEventProcessor>> liveProcessors) {
            this.liveProcessors = liveProcessors;
            return this;
        }

        public Builder collections(ProjectionCollections collections) {
            this.collections = collections;
            return this;
        }

        public Builder projections(List<? extends RebuildableProjection> projections) {
            this.projections.addAll(projections);
            return this;
        }

        /** Runs {@code step} on the new generation of {@code projection} just before it starts serving. */
        public Builder beforeActivation(String projection, Consumer<ProjectionTarget> step) {
            this.activationSteps.put(projection, step);
            return this;
        }

        /**
         * Counts the events in the store (a rebuild's total). Without it the head token's position is the total,
         * which is the event count for a store whose positions count from 1 without gaps, and unknown for a store
         * whose tokens have no position.
         */
        public Builder eventCount(LongSupplier eventCount) {
            this.eventCount = eventCount;
            return this;
        }

        /** How long the previous generation is kept after a switch (readers elsewhere may still use it). */
        public Builder dropPreviousAfter(Duration dropPreviousAfter) {
            this.dropPreviousAfter = dropPreviousAfter;
            return this;
        }

        public Builder checkInterval(Duration checkInterval) {
            this.checkInterval = checkInterval;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public ProjectionRebuilder build() {
            return new ProjectionRebuilder(this);
        }
    }
}
