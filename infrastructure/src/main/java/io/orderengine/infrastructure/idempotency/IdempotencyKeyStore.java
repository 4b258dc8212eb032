package io.orderengine.infrastructure.idempotency;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Where client idempotency keys are kept (collection {@value #COLLECTION}): one document per key under a unique
 * {@code _id}, so of two racing claims exactly one wins. A claim is IN_FLIGHT until its answer is recorded (DONE).
 * Expiry: a TTL index on {@code expireAt} for real MongoDB, and {@link #removeExpired} for the embedded store, which
 * ignores TTL indexes. What the keys mean to HTTP clients is the web layer's business, not this store's.
 */
@Component
public class IdempotencyKeyStore {

    public static final String COLLECTION = "idempotency_keys";

    private final MongoCollection<Document> keys;

    public IdempotencyKeyStore(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION);
        keys.createIndex(Indexes.ascending("expireAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** The answer recorded for a key: HTTP status, content type, {@code Location} (or null) and the body as JSON. */
    public record RecordedAnswer(int status, String contentType, String location, String body) {}

    /**
     * A key as stored: the hash of the request that claimed it, the hash of the claiming client's secret (null when
     * none was asked for) and, once done, the answer it got.
     */
    public record StoredKey(String requestHash, String clientHash, boolean done, RecordedAnswer answer) {}

    /**
     * Claims {@code id} for a request with {@code requestHash}, kept until {@code expireAt}.
     *
     * @return false when the key is already claimed (by a running request or a finished one)
     */
    public boolean claim(String id, String requestHash, Instant now, Instant expireAt) {
        return claim(id, requestHash, null, now, expireAt);
    }

    /**
     * Claims {@code id} as {@link #claim(String, String, Instant, Instant)} does, recording {@code clientHash}: the
     * hash of a secret only the claiming client knows, so the web layer can tell that client's retries from others.
     */
    public boolean claim(String id, String requestHash, String clientHash, Instant now, Instant expireAt) {
        try {
            keys.insertOne(new Document("_id", id)
                    .append("requestHash", requestHash)
                    .append("clientHash", clientHash)
                    .append("state", "IN_FLIGHT")
                    .append("createdAt", Date.from(now))
                    .append("expireAt", Date.from(expireAt)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /** Drops a claim that is still IN_FLIGHT and was made before {@code claimedBefore}; true when one was dropped. */
    public boolean releaseAbandoned(String id, Instant claimedBefore) {
        return keys.deleteOne(and(eq("_id", id), eq("state", "IN_FLIGHT"), lt("createdAt", Date.from(claimedBefore))))
                        .getDeletedCount()
                == 1;
    }

    /** Drops a claim whatever its state, so the request may run again. */
    public void release(String id) {
        keys.deleteOne(eq("_id", id));
    }

    /** Records the answer of the request that holds the claim; the key is DONE from then on. */
    public void complete(String id, RecordedAnswer answer) {
        keys.updateOne(
                eq("_id", id),
                new Document(
                        "$set",
                        new Document("state", "DONE")
                                .append("status", answer.status())
                                .append("contentType", answer.contentType())
                                .append("location", answer.location())
                                .append("body", answer.body())));
    }

    public Optional<StoredKey> find(String id) {
        Document existing = keys.find(eq("_id", id)).first();
        if (existing == null) {
            return Optional.empty();
        }
        boolean done = "DONE".equals(existing.getString("state"));
        RecordedAnswer answer = done
                ? new RecordedAnswer(
                        existing.getInteger("status"),
                        existing.getString("contentType"),
                        existing.getString("location"),
                        existing.getString("body"))
                : null;
        return Optional.of(
                new StoredKey(existing.getString("requestHash"), existing.getString("clientHash"), done, answer));
    }

    /** Removes the finished keys whose retention ended before {@code now}; answers how many. */
    public long removeExpired(Instant now) {
        return keys.deleteMany(and(lt("expireAt", Date.from(now)), eq("state", "DONE")))
                .getDeletedCount();
    }
}
