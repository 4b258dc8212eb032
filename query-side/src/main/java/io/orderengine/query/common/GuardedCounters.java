package io.orderengine.query.common;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Small counter documents (per day, per customer) changed with {@code $inc} upserts, exactly once per event.
 * Each document remembers, per aggregate, the sequence number of the last event counted in it
 * ({@code applied.<aggregateId>}); the guard and the increment are one atomic single-document update, so a
 * re-delivered or replayed event never counts twice, even after a crash between two writes. The guard map grows
 * with the number of aggregates that touch one document (the orders of one day or of one customer).
 */
public final class GuardedCounters {

    public static final String APPLIED = "applied";

    private static final int ATTEMPTS = 3;

    private final Supplier<MongoCollection<Document>> collection;

    public GuardedCounters(MongoCollection<Document> collection) {
        this(() -> collection);
    }

    /** Counters in whatever collection {@code collection} names at the time of each call (see rebuilds). */
    public GuardedCounters(Supplier<MongoCollection<Document>> collection) {
        this.collection = collection;
    }

    public MongoCollection<Document> collection() {
        return collection.get();
    }

    /**
     * Applies {@code update} to the document {@code id} (creating it when missing) unless the event {@code sequence}
     * of aggregate {@code aggregateId}, or a later one, was counted in it already. Returns whether it was applied.
     */
    public boolean apply(String id, String aggregateId, long sequence, Bson update) {
        String guard = APPLIED + "." + aggregateId;
        Bson filter = Filters.and(Filters.eq("_id", id), Filters.not(Filters.gte(guard, sequence)));
        Bson guardedUpdate = Updates.combine(update, Updates.set(guard, sequence));
        for (int attempt = 1; ; attempt++) {
            try {
                collection().updateOne(filter, guardedUpdate, new UpdateOptions().upsert(true));
                return true;
            } catch (MongoWriteException e) {
                // The upsert collides with the existing document when the guard rejects the event, and also when
                // another segment created the document at the same moment; only the first means "already counted".
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt == ATTEMPTS) {
                    throw e;
                }
                if (alreadyCounted(id, aggregateId, sequence)) {
                    return false;
                }
            }
        }
    }

    private boolean alreadyCounted(String id, String aggregateId, long sequence) {
        Document existing = collection().find(Filters.eq("_id", id)).first();
        if (existing == null) {
            return false;
        }
        Number applied = existing.getEmbedded(List.of(APPLIED, aggregateId), Number.class);
        return applied != null && applied.longValue() >= sequence;
    }
}
