package io.orderengine.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds projections from the event store without downtime. A rebuild of projection P:
 * <ol>
 * <li>picks the next generation of P's collections (the alias in {@link ProjectionCollections} still points at the
 *     current one, which keeps serving), drops what earlier rebuilds left behind and declares the indexes;</li>
 * <li>starts a second, separately named pooled streaming processor ({@code P-rebuild-<generation>-<random>}) with a
 *     new instance of P's handlers bound to the new collections, reading from the first event;</li>
 * <li>once it has caught up with the head of the stream (it has read as far as the head was at the previous check,
 *     or its processor reports it caught up): pauses P's live processor, stops the rebuild processor,
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
 * <p>
 * Each running rebuild is a {@link Rebuild}; {@link TokenHandover} moves the tokens at the switch-over and
 * {@link ProjectionStatuses} assembles the status of each projection.
 */
public final class ProjectionRebuilder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TokenStore tokenStore;
    private final TokenHandover tokens;
    private final ProjectionStatuses statuses;
    private final Function<String, Optional<StreamingEventProcessor>> liveProcessors;
    private final ProjectionCollections collections;
    private final Map<String, RebuildableProjection> projections;
    private final Map<String, Consumer<ProjectionTarget>> activationSteps;
    private final LongSupplier eventCount;
    private final Duration dropPreviousAfter;
    private final Duration checkInterval;
    private final Duration segmentScanInterval;
    private final int batchSize;
    private final Clock clock;
    private final ScheduledExecutorService supervisor;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();

    private ProjectionRebuilder(Builder builder) {
        this.events = Objects.requireNonNull(builder.events, "events");
        this.tokenStore = Objects.requireNonNull(builder.tokenStore, "tokenStore");
        this.liveProcessors = builder.liveProcessors;
        this.collections = Objects.requireNonNull(builder.collections, "collections");
        this.tokens = new TokenHandover(tokenStore);
        this.statuses = new ProjectionStatuses(liveProcessors, collections);
        this.projections = new LinkedHashMap<>();
        builder.projections.forEach(projection -> projections.put(projection.processingGroup(), projection));
        this.activationSteps = Map.copyOf(builder.activationSteps);
        this.eventCount = builder.eventCount;
        this.dropPreviousAfter = builder.dropPreviousAfter;
        this.checkInterval = builder.checkInterval;
        this.segmentScanInterval = builder.segmentScanInterval;
        this.batchSize = builder.batchSize;
        this.clock = builder.clock;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(Rebuild.threads("projection-rebuilds"));
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
        String processorName = name + "-rebuild-" + generation + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Rebuild rebuild = new Rebuild(
                projection,
                target,
                processorName,
                clock.instant(),
                events,
                tokenStore,
                batchSize,
                segmentScanInterval,
                this::totalEvents);
        rebuilds.put(name, rebuild);
        rebuild.start();
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
        List<ProjectionStatus> result = new ArrayList<>();
        for (RebuildableProjection projection : projections.values()) {
            result.add(statuses.status(
                    projection,
                    headPosition,
                    () -> Optional.ofNullable(rebuilds.get(projection.processingGroup()))
                            .map(Rebuild::progress)
                            .orElse(null)));
        }
        return result;
    }

    private Long headPosition() {
        TrackingToken head = events.createHeadToken();
        return head == null ? null : ProjectionStatuses.boxed(head.position());
    }

    private void supervise(Rebuild rebuild) {
        try {
            EventTrackerStatus segment = rebuild.processor().processingStatus().get(0);
            if (segment != null && segment.isErrorState()) {
                rebuild.lastError(String.valueOf(segment.getError()));
            }
            // Axon marks a pooled processor caught up only on a look with no event pending and every work package
            // idle, which under steady traffic (or after the last batch, when nothing wakes the coordinator) comes
            // with its next segment scan, up to 5 s later; having read as far as the head was a check ago is enough:
            // the live processor goes on from wherever the rebuild stopped
            boolean reachedHead = rebuild.reachedHeadOfLastCheck(headPosition());
            if (segment != null && (segment.isCaughtUp() || reachedHead) && !segment.isErrorState()) {
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
        rebuild.switching();
        StreamingEventProcessor live = liveProcessors.apply(name).orElse(null);
        boolean liveWasRunning = live != null && live.isRunning();
        Map<Integer, TrackingToken> liveTokens = new HashMap<>();
        boolean activated = false;
        int previousGeneration = collections.activeGeneration(name);
        try {
            if (liveWasRunning) {
                live.shutdownAsync().get(Rebuild.STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            rebuild.stop();
            TrackingToken reached = tokens.take(rebuild.processorName());
            Consumer<ProjectionTarget> activationStep = activationSteps.get(name);
            if (activationStep != null) {
                activationStep.accept(rebuild.target());
            }
            tokens.handOver(name, reached, liveTokens);
            collections.activate(name, rebuild.target().generation());
            activated = true;
            rebuild.finish(RebuildProgress.State.DONE, null, clock.instant());
            log.info(
                    "rebuild of {} done: generation {} serves now",
                    name,
                    rebuild.target().generation());
            ProjectionTarget previous = collections.generation(name, previousGeneration);
            supervisor.schedule(
                    () -> dropPrevious(rebuild, previous), dropPreviousAfter.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("rebuild of {} failed while switching; generation {} keeps serving", name, previousGeneration, e);
            rebuild.stop();
            if (!activated) {
                tokens.restore(name, liveTokens);
            }
            rebuild.finish(RebuildProgress.State.FAILED, e.toString(), clock.instant());
        } finally {
            if (liveWasRunning) {
                live.start();
            }
        }
    }

    private void dropPrevious(Rebuild rebuild, ProjectionTarget previous) {
        if (collections.activeGeneration(rebuild.name()) != previous.generation()) {
            collections.drop(previous, rebuild.projection().collections());
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
        private Duration segmentScanInterval = Duration.ofSeconds(5);
        private int batchSize = 100;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

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

        /**
         * How often a rebuild's processor looks for segments to claim and extends its claim when it has nothing to
         * do (Axon's {@code tokenClaimInterval}, 5 s; keep it under the token store's claim timeout); the switch-over
         * does not wait for it.
         */
        public Builder segmentScanInterval(Duration segmentScanInterval) {
            this.segmentScanInterval = segmentScanInterval;
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
