package io.orderengine.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;

/**
 * The engine's event store on MongoDB (or the embedded MongoDB-compatible server): every event gets a unique, gap-aware
 * global position, so an audit replay and every tracking processor see each event exactly once, however late its
 * write lands, and the aggregate streams keep their unique (aggregate, sequence number) guarantee.
 * <p>
 * Storage, per database:
 * <ul>
 * <li>{@code events}: one document per event; {@code _id} is the global position (a long, allocated per commit as a
 * block from the counter document), {@code streamKey} is {@code aggregateId/zero-padded sequence} under a unique
 * index, plus a unique {@code (aggregateIdentifier, sequenceNumber)} index and an {@code (allocatedAt, _id)} index for
 * real MongoDB. {@code allocatedAt} is when the commit got its positions.</li>
 * <li>{@code event_positions}: one counter document; one atomic {@code findOneAndUpdate $inc} hands a commit its
 * block of positions.</li>
 * <li>{@code event_snapshots}: the latest snapshot per aggregate, {@code _id} = aggregate id.</li>
 * </ul>
 * Every hot read is a lookup on a unique single-field key, which the embedded server serves from its index: tracking
 * reads fetch {@code _id $in [next positions, open gaps]}, aggregate loads fetch {@code streamKey $in [...]} from the
 * snapshot's sequence on, in blocks, until a block comes back short.
 * <p>
 * Tracking uses Axon's {@link GapAwareTrackingToken}: a position allocated but not yet written is a gap that the
 * processor keeps looking for until the gap timeout has passed since a later position was allocated (a commit that
 * crashed after allocating leaves such a gap; it then times out). Tokens hold the index plus the open gaps only.
 * With {@link Builder#orderedDelivery(boolean) ordered delivery} a tracking read stops before such a gap instead,
 * so live processors see events strictly in position order.
 * <p>
 * A duplicate stream key is a concurrent change of the same aggregate: the commit's documents already written are
 * removed again and the append fails with Axon's {@code ConcurrencyException} (or {@code
 * AggregateStreamCreationException} for sequence 0), as the stock engines do. MongoDB transactions are not used (the
 * embedded server has none).
 * <p>
 * This class is the engine's face to Axon; the work is done by package-private parts: {@link EventDocuments} (the
 * document layout and its encoding), {@link EventCommits} (position allocation and appends), {@link AggregateStreams}
 * (aggregate loads and snapshots) and {@link TrackedEventReader} (gap-aware tracking reads and tokens).
 */
public class MongoGlobalSequenceEventStorageEngine extends BatchingEventStorageEngine {

    private final MongoCollection<Document> events;
    private final EventCommits commits;
    private final AggregateStreams streams;
    private final TrackedEventReader tracking;

    protected MongoGlobalSequenceEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(builder.eventCollection);
        this.commits =
                new EventCommits(events, builder.database.getCollection(builder.positionCollection), builder.clock);
        this.streams = new AggregateStreams(events, builder.database.getCollection(builder.snapshotCollection));
        this.tracking = new TrackedEventReader(
                events,
                commits,
                builder.clock,
                builder.gapTimeout,
                builder.maxGapOffset,
                batchSize(),
                builder.trackingBatchSize,
                builder.headWindow,
                builder.orderedDelivery);
    }

    /**
     * A builder. Defaults: gap timeout 60 s, max gap offset 100,000 positions, batch size 100 (aggregate loads and
     * tracking reads), head window 1,000 positions, collections {@code events}, {@code event_snapshots},
     * {@code event_positions}, the system UTC clock. The database and both serializers are required.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Declares the indexes every query of this engine relies on (idempotent; run at start-up). */
    public void ensureIndexes() {
        EventDocuments.ensureIndexes(events);
    }

    // ---------------------------------------------------------------------------------------------------- writing

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            documents.add(EventDocuments.toDocument(message, serializer));
        }
        commits.append(
                documents, (exception, failedAt) -> handlePersistenceException(exception, messages.get(failedAt)));
    }

    /** Hands out a block of {@code count} positions; returns the last one (see {@link EventCommits#allocate}). */
    long allocate(int count) {
        return commits.allocate(count);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        streams.storeSnapshot(snapshot, serializer);
    }

    // ---------------------------------------------------------------------------------------------------- aggregates

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        return streams.fetch(aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return streams.readSnapshot(aggregateIdentifier);
    }

    /** The last sequence number of the aggregate's stream: from its snapshot on, in blocks of stream-key lookups. */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Long snapshotSequence = streams.snapshotSequence(aggregateIdentifier);
        long next = snapshotSequence == null ? 0 : snapshotSequence + 1;
        Long last = snapshotSequence;
        while (true) {
            List<? extends DomainEventData<?>> block = fetchDomainEvents(aggregateIdentifier, next, batchSize());
            if (block.isEmpty()) {
                return Optional.ofNullable(last);
            }
            last = block.get(block.size() - 1).getSequenceNumber();
            next = last + 1;
            if (block.size() < batchSize()) {
                return Optional.of(last);
            }
        }
    }

    /** The global position of the aggregate's event with this sequence number, if it is stored: one key lookup. */
    public OptionalLong positionOf(String aggregateIdentifier, long sequenceNumber) {
        Document found = events.find(Filters.eq(
                        EventDocuments.STREAM_KEY, EventDocuments.streamKey(aggregateIdentifier, sequenceNumber)))
                .projection(Projections.include(EventDocuments.POSITION))
                .first();
        return found == null ? OptionalLong.empty() : OptionalLong.of(EventDocuments.position(found));
    }

    // ---------------------------------------------------------------------------------------------------- tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return tracking.fetch(lastToken, batchSize);
    }

    /**
     * A token just behind the newest events: the highest position written among the last allocated ones, with the
     * unwritten positions below it as gaps (commits still in flight are not skipped).
     */
    @Override
    public TrackingToken createHeadToken() {
        return tracking.headToken();
    }

    /**
     * The position of the token {@link #createHeadToken()} makes (0 on an empty store), read from the top of the log
     * in small steps instead of the head token's whole window: for callers that need the head's position only.
     */
    public long headPosition() {
        return tracking.headPosition();
    }

    /**
     * The last position handed to a commit by any instance (0 on an empty store): one read of the position counter.
     * A commit's events are written after its positions are allocated, so they may not be readable yet.
     */
    public long lastAllocatedPosition() {
        return commits.lastAllocated();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** A token before the first event committed at or after {@code dateTime} (by allocation time); head if none. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Long position = tracking.firstPositionAllocatedFrom(dateTime);
        if (position == null) {
            return createHeadToken();
        }
        return position <= 1 ? null : GapAwareTrackingToken.newInstance(position - 1, List.of());
    }

    /** Builds a {@link MongoGlobalSequenceEventStorageEngine}. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String eventCollection = "events";
        private String snapshotCollection = "event_snapshots";
        private String positionCollection = "event_positions";
        private Clock clock = Clock.systemUTC();
        private Duration gapTimeout = Duration.ofSeconds(60);
        private int maxGapOffset = 100_000;
        private int trackingBatchSize = 100;
        private int headWindow = 1_000;
        private boolean orderedDelivery;

        protected Builder() {
            persistenceExceptionResolver(EventCommits::isStreamConflict);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** Collection names: events, snapshots, the position counter. */
        public Builder collections(String events, String snapshots, String positions) {
            this.eventCollection = events;
            this.snapshotCollection = snapshots;
            this.positionCollection = positions;
            return this;
        }

        /** The clock for allocation times and gap time-outs. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * How long a tracking processor waits for an allocated but unwritten position before it treats it as never
         * coming (a crashed commit). A commit slower than this is still stored, and seen by a replay, but a processor
         * already past it does not see it live. Must exceed the slowest commit plus the clock skew between writers.
         */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /**
         * Ordered delivery: tracking reads stop before a position that is allocated but not written yet, so a live
         * processor sees the events strictly in position order (as a replay does) instead of receiving a commit that
         * lands late as a gap fill after higher positions. The price is latency: processors wait while a commit is
         * in flight, and after a crashed commit until the gap timeout has passed since the next commit. Off by
         * default.
         */
        public Builder orderedDelivery(boolean orderedDelivery) {
            this.orderedDelivery = orderedDelivery;
            return this;
        }

        /** Gaps further than this many positions behind the token's index are dropped (a bound on token size). */
        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** Positions looked up per tracking read (at least the batch size). */
        public Builder trackingBatchSize(int trackingBatchSize) {
            this.trackingBatchSize = trackingBatchSize;
            return this;
        }

        /** How many of the latest positions a head token inspects for commits still in flight. */
        public Builder headWindow(int headWindow) {
            this.headWindow = headWindow;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase is required");
            }
            if (gapTimeout == null || gapTimeout.isNegative()) {
                throw new AxonConfigurationException("The gap timeout must be zero or positive");
            }
            if (maxGapOffset < 1 || trackingBatchSize < 1 || headWindow < 1) {
                throw new AxonConfigurationException("maxGapOffset, trackingBatchSize and headWindow must be positive");
            }
        }

        public MongoGlobalSequenceEventStorageEngine build() {
            validate();
            return new MongoGlobalSequenceEventStorageEngine(this);
        }
    }
}
