package io.orderengine.query.common;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.result.UpdateResult;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents that mirror one aggregate each and remember the sequence number of the last event applied to them
 * ({@value #APPLIED_SEQUENCE}). An event at or below that number is ignored, so re-delivered events and replays
 * leave the document as it was. Changes are read-modify-write with a compare-and-set on the sequence number:
 * the tracking processor hands one aggregate's events to one thread in order, so a lost race means a second
 * processor works on the same segment and is reported as an error rather than overwritten.
 */
public final class VersionedDocuments {

    public static final String APPLIED_SEQUENCE = "appliedSequence";

    /**
     * How often the document was changed by something that is no event of its own ({@link #rewrite}, e.g. an
     * erasure): compared like the applied sequence, so an event's write never undoes a rewrite made meanwhile.
     */
    public static final String REWRITES = "rewrites";

    private static final Logger log = LoggerFactory.getLogger(VersionedDocuments.class);

    private final Supplier<MongoCollection<Document>> collection;

    public VersionedDocuments(MongoCollection<Document> collection) {
        this(() -> collection);
    }

    /**
     * Documents in whatever collection {@code collection} names at the time of each call: a projection's collections
     * change when it is rebuilt into a new generation ({@code io.orderengine.query.projection}).
     */
    public VersionedDocuments(Supplier<MongoCollection<Document>> collection) {
        this.collection = collection;
    }

    public MongoCollection<Document> collection() {
        return collection.get();
    }

    /** The document {@code id}, or null. */
    public Document find(String id) {
        return collection().find(Filters.eq("_id", id)).first();
    }

    /**
     * Stores {@code content} as the document {@code id} created by the event {@code sequence}, unless the document
     * already reflects that event. Returns the stored document, or null when nothing changed.
     */
    public Document create(String id, long sequence, Document content) {
        Document document = new Document("_id", id);
        content.forEach((key, value) -> {
            if (!"_id".equals(key)) {
                document.put(key, value);
            }
        });
        document.put(APPLIED_SEQUENCE, sequence);
        try {
            UpdateResult result = collection()
                    .replaceOne(
                            Filters.and(Filters.eq("_id", id), Filters.lt(APPLIED_SEQUENCE, sequence)),
                            document,
                            new ReplaceOptions().upsert(true));
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null ? document : null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && alreadyApplied(id, sequence)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Applies {@code change} to the document {@code id} on behalf of the event {@code sequence}, unless that event
     * (or a later one) was applied already or the document does not exist. Returns the changed document, or null
     * when nothing changed.
     */
    public Document update(String id, long sequence, Consumer<Document> change) {
        Document document = find(id);
        if (document == null) {
            log.warn("{}: no document {} for event {}; ignored", collection().getNamespace(), id, sequence);
            return null;
        }
        return update(document, sequence, change);
    }

    /**
     * Applies {@code change} to {@code document}, as just read from this collection, on behalf of the event
     * {@code sequence}, unless that event (or a later one) was applied already. Returns the changed document, or
     * null when nothing changed.
     */
    public Document update(Document document, long sequence, Consumer<Document> change) {
        String id = document.getString("_id");
        long applied = MongoValues.longValue(document, APPLIED_SEQUENCE);
        if (sequence <= applied) {
            return null;
        }
        Object rewrites = document.get(REWRITES);
        change.accept(document);
        document.put(APPLIED_SEQUENCE, sequence);
        UpdateResult result = collection()
                .replaceOne(
                        Filters.and(
                                Filters.eq("_id", id),
                                Filters.eq(APPLIED_SEQUENCE, applied),
                                Filters.eq(REWRITES, rewrites)),
                        document);
        if (result.getMatchedCount() == 0) {
            throw new IllegalStateException(collection().getNamespace() + ": document " + id + " changed while event "
                    + sequence + " was applied; is a second processor running?");
        }
        return document;
    }

    /**
     * Applies a change that is no event of the document's own (e.g. the erasure of its personal data) to
     * {@code document}, as just read from this collection; its applied sequence stays as it is.
     */
    public Document rewrite(Document document, Consumer<Document> change) {
        String id = document.getString("_id");
        long applied = MongoValues.longValue(document, APPLIED_SEQUENCE);
        Object rewrites = document.get(REWRITES);
        change.accept(document);
        document.put(REWRITES, MongoValues.longValue(document, REWRITES) + 1);
        UpdateResult result = collection()
                .replaceOne(
                        Filters.and(
                                Filters.eq("_id", id),
                                Filters.eq(APPLIED_SEQUENCE, applied),
                                Filters.eq(REWRITES, rewrites)),
                        document);
        if (result.getMatchedCount() == 0) {
            throw new IllegalStateException(
                    collection().getNamespace() + ": document " + id + " changed while it was rewritten");
        }
        return document;
    }

    private boolean alreadyApplied(String id, long sequence) {
        Document existing = find(id);
        return existing != null && MongoValues.longValue(existing, APPLIED_SEQUENCE) >= sequence;
    }
}
