package io.orderengine.infrastructure.ratelimit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.orderengine.infrastructure.cluster.MongoBucketProxyManager;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Token buckets kept in the store (collection {@value #COLLECTION}), so every engine instance on one store draws from
 * the same bucket for a key. Created only when someone asks for it ({@link Lazy}): with rate limits off nothing
 * touches the store.
 */
@Component
@Lazy
public class RateLimitBuckets {

    public static final String COLLECTION = "rate_limit_buckets";

    private final MongoBucketProxyManager buckets;

    public RateLimitBuckets(MongoDatabase database, Clock clock) {
        MongoCollection<Document> collection = database.getCollection(COLLECTION);
        this.buckets = new MongoBucketProxyManager(collection, clock);
        collection.createIndex(
                Indexes.ascending(MongoBucketProxyManager.TOUCHED_FIELD), new IndexOptions().name("touched"));
    }

    /** Takes one token from the bucket of {@code key}, creating it with {@code configuration} if it does not exist. */
    public ConsumptionProbe tryConsume(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.getProxy(key, configuration).tryConsumeAndReturnRemaining(1);
    }

    /** Drops the buckets nobody used since {@code before}. */
    public void removeIdle(Instant before) {
        buckets.removeIdle(before);
    }
}
