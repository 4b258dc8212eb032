package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.EventDocuments.AGGREGATE_SEQUENCE_INDEX;
import static io.orderengine.infrastructure.eventstore.EventDocuments.ALLOCATED_AT;
import static io.orderengine.infrastructure.eventstore.EventDocuments.POSITION;
import static io.orderengine.infrastructure.eventstore.EventDocuments.STREAM_KEY;
import static io.orderengine.infrastructure.eventstore.EventDocuments.STREAM_KEY_INDEX;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;

/**
 * The write side of {@link MongoGlobalSequenceEventStorageEngine}: the position counter (one atomic
 * {@code findOneAndUpdate $inc} hands a commit its block of positions), the append of a commit's documents at those
 * positions, the removal of the documents already written when the append hits a duplicate stream key, and the test
 * that tells such a concurrent change of an aggregate from other write errors.
 */
final class EventCommits {

    static final String COUNTER_ID = "events";
    static final String COUNTER_FIELD = "last";

    /** What a commit does when its append failed at a document (after the documents before it were removed). */
    @FunctionalInterface
    interface FailureHandler {

        void failed(Exception exception, int failedAt);
    }

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> positions;
    private final Clock clock;

    EventCommits(MongoCollection<Document> events, MongoCollection<Document> positions, Clock clock) {
        this.events = events;
        this.positions = positions;
        this.clock = clock;
    }

    /**
     * Writes the documents (of one commit) at a freshly allocated block of positions, in order. A bulk write error
     * removes what was written and goes to {@code onFailure} with the index of the failed document; any other error
     * leaves the positions not written as gaps.
     */
    void append(List<Document> documents, FailureHandler onFailure) {
        long last = allocate(documents.size());
        long first = last - documents.size() + 1;
        long allocatedAt = clock.millis();
        for (int i = 0; i < documents.size(); i++) {
            documents.get(i).append(POSITION, first + i).append(ALLOCATED_AT, allocatedAt);
        }
        try {
            events.insertMany(documents, new InsertManyOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            int failedAt =
                    e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
            removeWritten(first, failedAt);
            onFailure.failed(e, failedAt);
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
        Document before = positions.findOneAndUpdate(
                Filters.eq(POSITION, COUNTER_ID),
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

    /** A duplicate key on the aggregate stream (not on the position) is a concurrent change of that aggregate. */
    static boolean isStreamConflict(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(EventCommits::isStreamConflict);
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
        return message != null
                && (message.contains(STREAM_KEY_INDEX)
                        || message.contains(AGGREGATE_SEQUENCE_INDEX)
                        || message.contains(STREAM_KEY));
    }
}
