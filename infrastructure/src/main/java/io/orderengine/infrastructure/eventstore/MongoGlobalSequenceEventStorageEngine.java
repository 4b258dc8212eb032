package io.orderengine.infrastructure.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.conversions.Bson;

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
 */
public class MongoGlobalSequenceEventStorageEngine extends BatchingEventStorageEngine {

    static final String POSITION = "_id";
    static final String STREAM_KEY = "streamKey";
    static final String AGGREGATE_ID = "aggregateIdentifier";
    static final String SEQUENCE = "sequenceNumber";
    static final String TYPE = "type";
    static final String EVENT_ID = "eventIdentifier";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "serializedPayload";
    static final String META_DATA = "serializedMetaData";
    static final String ALLOCATED_AT = "allocatedAt";

    static final String STREAM_KEY_INDEX = "streamKey_unique";
    static final String AGGREGATE_SEQUENCE_INDEX = "aggregate_sequence_unique";
    static final String ALLOCATED_AT_INDEX = "allocatedAt_position";

    private static final String COUNTER_ID = "events";
    private static final String COUNTER_FIELD = "last";
    private static final int SEQUENCE_DIGITS = 19;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> positions;
    private final Clock clock;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final int trackingBatchSize;
    private final int headWindow;
    private final boolean orderedDelivery;

    protected MongoGlobalSequenceEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(builder.eventCollection);
        this.snapshots = builder.database.getCollection(builder.snapshotCollection);
        this.positions = builder.database.getCollection(builder.positionCollection);
        this.clock = builder.clock;
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.trackingBatchSize = builder.trackingBatchSize;
        this.headWindow = builder.headWindow;
        this.orderedDelivery = builder.orderedDelivery;
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
        events.createIndex(Indexes.ascending(STREAM_KEY), new IndexOptions().unique(true).name(STREAM_KEY_INDEX));
        events.createIndex(Indexes.ascending(AGGREGATE_ID, SEQUENCE),
                new IndexOptions().unique(true).name(AGGREGATE_SEQUENCE_INDEX));
        // createTokenAt only; the embedded server ignores non-unique indexes and scans (rare, operator-driven).
        events.createIndex(Indexes.ascending(ALLOCATED_AT, POSITION), new IndexOptions().name(ALLOCATED_AT_INDEX));
    }

    // ---------------------------------------------------------------------------------------------------- writing

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            documents.add(toDocument(message, serializer));
        }
        long last = allocate(messages.size());
        long first = last - messages.size() + 1;
        long allocatedAt = clock.millis();
        for (int i = 0; i < documents.size(); i++) {
            documents.get(i).append(POSITION, first + i).append(ALLOCATED_AT, allocatedAt);
        }
        try {
            events.insertMany(documents, new InsertManyOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            int failedAt = e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
            removeWritten(first, failedAt);
            handlePersistenceException(e, messages.get(failedAt));
        } catch (RuntimeException e) {
            // The outcome of the write is unknown (e.g. a lost connection): positions not written become gaps.
            throw new EventStoreException("Failed to append events at positions " + first + ".." + last, e);
        }
    }

    /**
     * Hands out a block of {@code count} positions; returns the last one. One atomic single-document update. The
     * counter is read as it was before the update: the embedded server answers "after" with its live document, which
     * a concurrent update may change before the reply is written (seen as duplicate positions under load).
     */
    long allocate(int count) {
        Document before = positions.findOneAndUpdate(Filters.eq(POSITION, COUNTER_ID),
                new Document("$inc", new Document(COUNTER_FIELD, (long) count)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long previous = before == null ? 0 : ((Number) before.get(COUNTER_FIELD)).longValue();
        return previous + count;
    }

    /** The highest position allocated so far (0 when none). */
    long lastAllocated() {
        Document counter = positions.find(Filters.eq(POSITION, COUNTER_ID)).first();
        return counter == null ? 0 : ((Number) counter.get(COUNTER_FIELD)).longValue();
    }

    private void removeWritten(long first, int count) {
        if (count <= 0) {
            return;
        }
        List<Long> written = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            written.add(first + i);
        }
        events.deleteMany(Filters.in(POSITION, written));
    }

    private Document toDocument(EventMessage<?> message, Serializer serializer) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        String aggregateId;
        long sequence;
        String type;
        if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
            type = domain.getType();
        } else {
            // Not part of an aggregate stream: keyed by its own identifier, as Axon's engines do.
            aggregateId = message.getIdentifier();
            sequence = 0;
            type = null;
        }
        return new Document(STREAM_KEY, streamKey(aggregateId, sequence))
                .append(AGGREGATE_ID, aggregateId)
                .append(SEQUENCE, sequence)
                .append(TYPE, type)
                .append(EVENT_ID, message.getIdentifier())
                .append(TIMESTAMP, DateTimeUtils.formatInstant(message.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData());
    }

    static String streamKey(String aggregateId, long sequence) {
        String digits = Long.toString(sequence);
        StringBuilder key = new StringBuilder(aggregateId.length() + 1 + SEQUENCE_DIGITS).append(aggregateId).append('/');
        for (int i = digits.length(); i < SEQUENCE_DIGITS; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    /** A duplicate key on the aggregate stream (not on the position) is a concurrent change of that aggregate. */
    static boolean isStreamConflict(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(MongoGlobalSequenceEventStorageEngine::isStreamConflict);
        }
        if (e instanceof MongoWriteException write) {
            return ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY
                    && namesStreamIndex(write.getError().getMessage());
        }
        return false;
    }

    private static boolean isStreamConflict(BulkWriteError error) {
        return ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY
                && namesStreamIndex(error.getMessage());
    }

    private static boolean namesStreamIndex(String message) {
        return message != null && (message.contains(STREAM_KEY_INDEX) || message.contains(AGGREGATE_SEQUENCE_INDEX)
                || message.contains(STREAM_KEY));
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = toDocument(snapshot, serializer);
        document.remove(STREAM_KEY);
        document.append(POSITION, snapshot.getAggregateIdentifier());
        Document existing = snapshots.find(Filters.eq(POSITION, snapshot.getAggregateIdentifier()))
                .projection(Projections.include(SEQUENCE)).first();
        if (existing != null && ((Number) existing.get(SEQUENCE)).longValue() >= snapshot.getSequenceNumber()) {
            return;
        }
        try {
            snapshots.replaceOne(Filters.eq(POSITION, snapshot.getAggregateIdentifier()), document,
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another snapshotter created the document at the same moment; either snapshot is valid.
        }
    }

    // ---------------------------------------------------------------------------------------------------- aggregates

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        List<String> keys = new ArrayList<>(batchSize);
        for (long sequence = firstSequenceNumber; sequence < firstSequenceNumber + batchSize; sequence++) {
            keys.add(streamKey(aggregateIdentifier, sequence));
        }
        List<Document> found = events.find(Filters.in(STREAM_KEY, keys)).into(new ArrayList<>(batchSize));
        found.sort(Comparator.comparingLong(d -> ((Number) d.get(SEQUENCE)).longValue()));
        List<DomainEventData<?>> stream = new ArrayList<>(found.size());
        long expected = firstSequenceNumber;
        for (Document document : found) {
            if (((Number) document.get(SEQUENCE)).longValue() != expected) {
                break;
            }
            stream.add(toEventData(document));
            expected++;
        }
        return stream;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq(POSITION, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(toEventData(snapshot));
    }

    /** The last sequence number of the aggregate's stream: from its snapshot on, in blocks of stream-key lookups. */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq(POSITION, aggregateIdentifier))
                .projection(Projections.include(SEQUENCE)).first();
        long next = snapshot == null ? 0 : ((Number) snapshot.get(SEQUENCE)).longValue() + 1;
        Long last = snapshot == null ? null : next - 1;
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

    // ---------------------------------------------------------------------------------------------------- tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Unsupported token format: " + lastToken);
        }
        GapAwareTrackingToken previous = lastToken == null
                ? GapAwareTrackingToken.newInstance(0, List.of())
                : (GapAwareTrackingToken) lastToken;
        long index = previous.getIndex();
        SortedSet<Long> gaps = previous.getGaps();
        int window = Math.max(batchSize, trackingBatchSize);
        Set<Long> successors = gapRunSuccessors(gaps);

        List<Long> ids = new ArrayList<>(gaps.size() + successors.size() + window);
        ids.addAll(gaps);
        ids.addAll(successors);
        for (long position = index + 1; position <= index + window; position++) {
            ids.add(position);
        }
        Map<Long, Document> found = byPosition(ids);

        List<Document> gapFills = new ArrayList<>();
        List<Document> ahead = new ArrayList<>();
        for (Map.Entry<Long, Document> entry : found.entrySet()) {
            long position = entry.getKey();
            if (position > index) {
                ahead.add(entry.getValue());
            } else if (gaps.contains(position)) {
                gapFills.add(entry.getValue());
            }
        }
        if (ahead.isEmpty()) {
            ahead = scanAhead(index + window);
        }

        long frame = clock.millis() - gapTimeout.toMillis();
        long expiredBelow = 0;
        for (long successor : successors) {
            Document document = found.get(successor);
            if (document != null && allocatedAt(document) < frame) {
                expiredBelow = Math.max(expiredBelow, successor);
            }
        }

        List<TrackedEventData<?>> result = new ArrayList<>(gapFills.size() + ahead.size());
        GapAwareTrackingToken token = previous;
        for (Document document : gapFills) {
            token = token.advanceTo(position(document), maxGapOffset);
            result.add(new TrackedDomainEventData<>(token, toEventData(document)));
        }
        if (expiredBelow > 0) {
            token = token.withGapsTruncatedAt(expiredBelow);
            if (ahead.isEmpty() && !result.isEmpty()) {
                TrackedEventData<?> lastFill = result.remove(result.size() - 1);
                result.add(new TrackedDomainEventData<>(token, (DomainEventData<?>) lastFill));
            }
        }
        long expected = index + 1;
        for (Document document : ahead) {
            long position = position(document);
            boolean allocatedBeforeFrame = allocatedAt(document) < frame;
            if (orderedDelivery && position > expected && !allocatedBeforeFrame) {
                // A commit that got lower positions is still being written: wait for it rather than deliver past it
                // (until the gap timeout says it crashed).
                break;
            }
            expected = position + 1;
            if (allocatedBeforeFrame) {
                // Every position below was allocated before this one, longer ago than the gap timeout.
                token = GapAwareTrackingToken.newInstance(position, List.of());
            } else {
                token = token.advanceTo(position, maxGapOffset);
            }
            result.add(new TrackedDomainEventData<>(token, toEventData(document)));
        }
        return result;
    }

    /** For each run of consecutive gaps, the position just after it: written, and its allocation time bounds theirs. */
    private static Set<Long> gapRunSuccessors(SortedSet<Long> gaps) {
        Set<Long> successors = new HashSet<>();
        for (long gap : gaps) {
            if (!gaps.contains(gap + 1)) {
                successors.add(gap + 1);
            }
        }
        return successors;
    }

    /**
     * Nothing in the next window: a crashed commit may have left a block of allocated positions that will never be
     * written. Look further, one window at a time, up to the last allocated position.
     */
    private List<Document> scanAhead(long from) {
        long last = lastAllocated();
        int window = Math.max(batchSize(), trackingBatchSize);
        for (long start = from + 1; start <= last; start += window) {
            List<Long> ids = new ArrayList<>(window);
            for (long position = start; position < start + window && position <= last; position++) {
                ids.add(position);
            }
            Map<Long, Document> found = byPosition(ids);
            if (!found.isEmpty()) {
                return new ArrayList<>(found.values());
            }
        }
        return new ArrayList<>();
    }

    private Map<Long, Document> byPosition(List<Long> ids) {
        Map<Long, Document> found = new TreeMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document document : events.find(Filters.in(POSITION, ids))) {
            found.put(position(document), document);
        }
        return found;
    }

    /**
     * A token just behind the newest events: the highest position written among the last allocated ones, with the
     * unwritten positions below it as gaps (commits still in flight are not skipped).
     */
    @Override
    public TrackingToken createHeadToken() {
        long last = lastAllocated();
        if (last == 0) {
            return null;
        }
        long from = Math.max(1, last - headWindow + 1);
        List<Long> ids = new ArrayList<>();
        for (long position = from; position <= last; position++) {
            ids.add(position);
        }
        TreeSet<Long> written = new TreeSet<>();
        for (Document document : events.find(Filters.in(POSITION, ids)).projection(Projections.include(POSITION))) {
            written.add(position(document));
        }
        if (written.isEmpty()) {
            return GapAwareTrackingToken.newInstance(from - 1, List.of());
        }
        long head = written.last();
        List<Long> missing = new ArrayList<>();
        for (long position = from; position < head; position++) {
            if (!written.contains(position)) {
                missing.add(position);
            }
        }
        return GapAwareTrackingToken.newInstance(head, missing);
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** A token before the first event committed at or after {@code dateTime} (by allocation time); head if none. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = events.find(Filters.gte(ALLOCATED_AT, dateTime.toEpochMilli()))
                .sort(Sorts.ascending(ALLOCATED_AT, POSITION))
                .projection(Projections.include(POSITION))
                .limit(1)
                .first();
        if (first == null) {
            return createHeadToken();
        }
        long position = position(first);
        return position <= 1 ? null : GapAwareTrackingToken.newInstance(position - 1, List.of());
    }

    // ---------------------------------------------------------------------------------------------------- mapping

    private static long position(Document document) {
        return ((Number) document.get(POSITION)).longValue();
    }

    private static long allocatedAt(Document document) {
        Object value = document.get(ALLOCATED_AT);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static DomainEventData<?> toEventData(Document document) {
        String aggregateId = document.getString(AGGREGATE_ID);
        String eventId = document.getString(EVENT_ID);
        return new GenericDomainEventEntry<>(
                document.getString(TYPE),
                eventId.equals(aggregateId) ? null : aggregateId,
                ((Number) document.get(SEQUENCE)).longValue(),
                eventId,
                document.getString(TIMESTAMP),
                document.getString(PAYLOAD_TYPE),
                document.getString(PAYLOAD_REVISION),
                document.getString(PAYLOAD),
                document.getString(META_DATA));
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
            persistenceExceptionResolver(MongoGlobalSequenceEventStorageEngine::isStreamConflict);
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

        /** Gaps further than this many positions behind the token's index are dropped (a bound on token size). */
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
