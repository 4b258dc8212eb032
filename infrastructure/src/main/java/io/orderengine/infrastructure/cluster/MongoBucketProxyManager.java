package io.orderengine.infrastructure.cluster;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Rate-limit buckets shared by every engine instance on one store: each bucket is a document
 * {@code {_id: key, state: <bucket4j bytes>, version, touchedAt}} in the given collection. bucket4j reads the state,
 * computes the consumption, and writes it back with a compare-and-swap: the first write of a key is an insert under
 * its unique {@code _id}, every later one an update conditional on the version that was read, accepted only when
 * it modified exactly one document. A lost race (duplicate key, nothing modified) makes bucket4j read and try
 * again. Neither step trusts a document returned by {@code findOneAndUpdate}, so this is also safe on the embedded
 * store, whose {@code findOneAndUpdate} is not atomic across connections.
 */
public final class MongoBucketProxyManager extends AbstractCompareAndSwapBasedProxyManager<String> {

    static final String STATE = "state";
    static final String VERSION = "version";
    public static final String TOUCHED_FIELD = "touchedAt";

    private final MongoCollection<Document> buckets;
    private final Clock clock;

    public MongoBucketProxyManager(MongoCollection<Document> buckets, Clock clock) {
        super(ClientSideConfig.getDefault());
        this.buckets = buckets;
        this.clock = clock;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            private long version;

            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                Document found = buckets.find(Filters.eq("_id", key))
                        .projection(Projections.include(STATE, VERSION))
                        .first();
                if (found == null) {
                    version = 0;
                    return Optional.empty();
                }
                version = ((Number) found.get(VERSION)).longValue();
                return Optional.of(found.get(STATE, Binary.class).getData());
            }

            @Override
            public boolean compareAndSwap(
                    byte[] originalData, byte[] newData, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                Date now = Date.from(Instant.now(clock));
                if (originalData == null) {
                    try {
                        buckets.insertOne(new Document("_id", key)
                                .append(STATE, new Binary(newData))
                                .append(VERSION, 1L)
                                .append(TOUCHED_FIELD, now));
                        return true;
                    } catch (MongoWriteException e) {
                        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                            return false;
                        }
                        throw e;
                    }
                }
                UpdateResult result = buckets.updateOne(
                        Filters.and(Filters.eq("_id", key), Filters.eq(VERSION, version)),
                        Updates.combine(
                                Updates.set(STATE, new Binary(newData)),
                                Updates.set(VERSION, version + 1),
                                Updates.set(TOUCHED_FIELD, now)));
                return result.getModifiedCount() == 1;
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("the Mongo bucket store is synchronous");
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    public void removeProxy(String key) {
        buckets.deleteOne(Filters.eq("_id", key));
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException("the Mongo bucket store is synchronous"));
    }

    /** Deletes buckets nobody used since {@code idleSince}; a client that comes back starts with a full bucket. */
    public long removeIdle(Instant idleSince) {
        return buckets.deleteMany(Filters.lt(TOUCHED_FIELD, Date.from(idleSince)))
                .getDeletedCount();
    }
}
