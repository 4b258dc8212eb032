package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.EventDocuments.POSITION;
import static io.orderengine.infrastructure.eventstore.EventDocuments.SEQUENCE;
import static io.orderengine.infrastructure.eventstore.EventDocuments.STREAM_KEY;
import static io.orderengine.infrastructure.eventstore.EventDocuments.streamKey;
import static io.orderengine.infrastructure.eventstore.EventDocuments.toDocument;
import static io.orderengine.infrastructure.eventstore.EventDocuments.toEventData;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * The aggregate side of {@link MongoGlobalSequenceEventStorageEngine}: an aggregate's stream read by stream-key
 * lookups ({@code streamKey $in [...]}, one block of sequence numbers at a time, stopping at the first missing one),
 * and its latest snapshot ({@code _id} = aggregate id; an older snapshot never replaces a newer one).
 */
final class AggregateStreams {

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;

    AggregateStreams(MongoCollection<Document> events, MongoCollection<Document> snapshots) {
        this.events = events;
        this.snapshots = snapshots;
    }

    /** Up to {@code batchSize} events of the stream from {@code firstSequenceNumber} on, without holes. */
    List<? extends DomainEventData<?>> fetch(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
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

    /** The sequence number of the aggregate's snapshot, if it has one. */
    Long snapshotSequence(String aggregateIdentifier) {
        Document snapshot = snapshots
                .find(Filters.eq(POSITION, aggregateIdentifier))
                .projection(Projections.include(SEQUENCE))
                .first();
        return snapshot == null ? null : ((Number) snapshot.get(SEQUENCE)).longValue();
    }

    Stream<? extends DomainEventData<?>> readSnapshot(String aggregateIdentifier) {
        Document snapshot =
                snapshots.find(Filters.eq(POSITION, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(toEventData(snapshot));
    }

    /** Stores the snapshot unless the aggregate already has one at the same or a later sequence number. */
    void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = toDocument(snapshot, serializer);
        document.remove(STREAM_KEY);
        document.append(POSITION, snapshot.getAggregateIdentifier());
        Long existing = snapshotSequence(snapshot.getAggregateIdentifier());
        if (existing != null && existing >= snapshot.getSequenceNumber()) {
            return;
        }
        try {
            snapshots.replaceOne(
                    Filters.eq(POSITION, snapshot.getAggregateIdentifier()),
                    document,
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another snapshotter created the document at the same moment; either snapshot is valid.
        }
    }
}
