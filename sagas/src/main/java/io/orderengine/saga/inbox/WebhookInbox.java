package io.orderengine.saga.inbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The inbox of gateway notifications (Stripe and PayPal webhooks, sandbox decisions), in the Mongo collection
 * {@code webhook_inbox}, keyed by provider and the provider's event id (the unique {@code _id}).
 *
 * <p>An event is recorded as received, its work runs, and only when the work succeeds is it marked processed.
 * A failure is recorded with its error and reported to the caller (the webhook answers 5xx, so the provider
 * sends it again); the next delivery runs the work again. A processed event delivered again is acknowledged
 * without running anything. Entries are kept 90 days: {@code expireAt} carries a TTL index for real MongoDB, and
 * {@link #purgeExpired()} deletes them where TTL indexes are ignored (the embedded server).
 */
public class WebhookInbox {

    public static final String COLLECTION = "webhook_inbox";
    public static final Duration RETENTION = Duration.ofDays(90);

    /** What became of a delivery. */
    public enum Outcome {
        /** The work ran and succeeded now. */
        PROCESSED,
        /** The event had been processed before; nothing ran. */
        ALREADY_PROCESSED
    }

    /** What the inbox knows about one event. */
    public record Entry(
            String provider,
            String eventId,
            String eventType,
            String status,
            int attempts,
            String lastError,
            Instant receivedAt,
            Instant processedAt,
            Instant expireAt) {}

    private final MongoCollection<Document> events;
    private final Clock clock;

    public WebhookInbox(MongoDatabase database, Clock clock) {
        this.events = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /**
     * The TTL index that lets real MongoDB expire entries; the embedded server does not expire documents, but serves
     * {@link #purgeExpired()}'s query from it.
     */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending("expireAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /**
     * Runs {@code work} for the event unless it was processed before. Throws {@link WebhookProcessingException}
     * when the work fails; the event then stays unprocessed and a later delivery runs it again.
     */
    public Outcome process(String provider, String eventId, String eventType, Runnable work) {
        Document entry = received(provider, eventId, eventType);
        if ("PROCESSED".equals(entry.getString("status"))) {
            count(provider, "already-processed");
            return Outcome.ALREADY_PROCESSED;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            events.updateOne(
                    Filters.eq("_id", key(provider, eventId)),
                    Updates.combine(Updates.set("status", "FAILED"), Updates.set("lastError", String.valueOf(e))));
            count(provider, "failed");
            throw new WebhookProcessingException(
                    provider + " event " + eventId + " (" + eventType + ") failed: " + e.getMessage(), e);
        }
        events.updateOne(
                Filters.eq("_id", key(provider, eventId)),
                Updates.combine(
                        Updates.set("status", "PROCESSED"),
                        Updates.set("processedAt", Date.from(clock.instant())),
                        Updates.unset("lastError")));
        count(provider, "processed");
        return Outcome.PROCESSED;
    }

    /** Counted in Micrometer's global registry, which Spring Boot binds to the engine's. */
    private static void count(String provider, String outcome) {
        Metrics.counter("orderengine.inbox.events", "provider", provider, "outcome", outcome)
                .increment();
    }

    /**
     * Records the delivery and returns the entry. Two deliveries of a new event at the same moment may both try to
     * insert it; the loser of that race finds the winner's entry on its second try.
     */
    private Document received(String provider, String eventId, String eventType) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                return events.findOneAndUpdate(
                        Filters.eq("_id", key(provider, eventId)),
                        Updates.combine(
                                Updates.setOnInsert("provider", provider),
                                Updates.setOnInsert("eventId", eventId),
                                Updates.setOnInsert("eventType", eventType),
                                Updates.setOnInsert("status", "RECEIVED"),
                                Updates.setOnInsert("receivedAt", Date.from(now)),
                                Updates.setOnInsert("expireAt", Date.from(now.plus(RETENTION))),
                                Updates.set("lastAttemptAt", Date.from(now)),
                                Updates.inc("attempts", 1)),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            } catch (MongoException e) {
                if (attempt >= 2 || ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    public Optional<Entry> entry(String provider, String eventId) {
        return Optional.ofNullable(
                        events.find(Filters.eq("_id", key(provider, eventId))).first())
                .map(document -> new Entry(
                        document.getString("provider"),
                        document.getString("eventId"),
                        document.getString("eventType"),
                        document.getString("status"),
                        document.getInteger("attempts", 0),
                        document.getString("lastError"),
                        instant(document, "receivedAt"),
                        instant(document, "processedAt"),
                        instant(document, "expireAt")));
    }

    /** Deletes entries past their retention; returns how many. */
    public long purgeExpired() {
        return events.deleteMany(Filters.lt("expireAt", Date.from(clock.instant())))
                .getDeletedCount();
    }

    private static String key(String provider, String eventId) {
        return provider + ":" + eventId;
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
