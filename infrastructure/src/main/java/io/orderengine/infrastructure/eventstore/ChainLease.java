package io.orderengine.infrastructure.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import org.bson.Document;

/**
 * A lease in {@code event_chain} that lets one engine instance at a time do a job (sealing, the scheduled
 * verification): claimed when free or expired, renewed by its holder, one atomic update either way.
 */
public final class ChainLease {

    private final MongoCollection<Document> chain;
    private final String id;
    private final String owner;
    private final Clock clock;
    private final Duration duration;

    public ChainLease(MongoCollection<Document> chain, String id, String owner, Clock clock, Duration duration) {
        this.chain = chain;
        this.id = id;
        this.owner = owner;
        this.clock = clock;
        this.duration = duration;
    }

    /** Whether this instance holds the lease now (claiming or renewing it). */
    public boolean claim() {
        long now = clock.millis();
        long renewed = chain.updateOne(
                        Filters.and(
                                Filters.eq("_id", id),
                                Filters.or(Filters.lt("until", now), Filters.eq("owner", owner))),
                        Updates.combine(Updates.set("owner", owner), Updates.set("until", now + duration.toMillis())))
                .getMatchedCount();
        if (renewed > 0) {
            return true;
        }
        try {
            chain.insertOne(new Document("_id", id).append("owner", owner).append("until", now + duration.toMillis()));
            return true;
        } catch (MongoException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false; // held by another instance
            }
            throw e;
        }
    }
}
