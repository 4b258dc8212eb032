package io.orderengine.saga.inbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The inbox of gateway notifications (Stripe and PayPal webhooks, sandbox decisions), in the Mongo collection
 * {@code webhook_inbox}, keyed by provider and the provider's event id (the unique {@code _id}).
 *
 * <p>An event is recorded as received with its payload, its work runs, and only when the work succeeds is it marked
 * processed. Every attempt is kept on the entry (when, by whom: the provider's delivery, the engine, an admin; the
 * outcome and the error). A failure is recorded with its error and reported to the caller (the webhook answers 5xx, so
 * the provider sends it again); the engine does not wait for that: it retries the entry from its stored payload with a
 * growing pause ({@link InboxRetries}, {@link InboxProperties}), as does an admin's retry. A processed event delivered
 * again is acknowledged without running anything. The work is idempotent (commands that are no-ops when repeated,
 * unique ledger entries), so a provider's delivery and a retry running at once change nothing twice.
 * Entries are kept {@code retention} (90 days): {@code expireAt} carries a TTL index for real MongoDB, and
 * {@link #purgeExpired()} deletes them where TTL indexes are ignored (the embedded server).
 */
public class WebhookInbox extends InboxEntries {

    public static final Duration RETENTION = InboxProperties.defaults().retention();
    private static final int KEPT_ATTEMPTS = 20;

    /** What became of a delivery. */
    public enum Outcome {
        /** The work ran and succeeded now. */
        PROCESSED,
        /** The event had been processed before; nothing ran. */
        ALREADY_PROCESSED
    }

    /** Runs an entry's work again from its stored payload: one per provider, registered by its webhook service. */
    @FunctionalInterface
    public interface Replayer {

        void replay(String eventType, String payload);
    }

    /** The outcome of a retry asked for by an admin. */
    public enum Retry {
        NOT_FOUND,
        ALREADY_DONE,
        /** No payload or no replayer for the provider (an entry received before payloads were kept). */
        NOT_REPLAYABLE,
        PROCESSED,
        FAILED
    }

    public record Retried(Retry outcome, Entry entry) {}

    private final InboxProperties properties;
    private final InboxPayloadProtection protection;
    private final Map<String, Replayer> replayers = new ConcurrentHashMap<>();

    public WebhookInbox(MongoDatabase database, Clock clock) {
        this(database, clock, InboxProperties.defaults(), InboxPayloadProtection.NONE);
    }

    public WebhookInbox(
            MongoDatabase database, Clock clock, InboxProperties properties, InboxPayloadProtection protection) {
        super(database.getCollection(COLLECTION), clock);
        this.properties = properties;
        this.protection = protection;
    }

    /**
     * The TTL index that lets real MongoDB expire entries (the embedded server does not expire documents, but serves
     * {@link #purgeExpired()}'s query from it), the index of due retries and the one of the admin list.
     */
    public void ensureIndexes() {
        entries.createIndex(Indexes.ascending("expireAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        entries.createIndex(Indexes.ascending("nextAttemptAt"), new IndexOptions().name("due"));
        entries.createIndex(Indexes.ascending("status", "receivedAt"), new IndexOptions().name("byStatus"));
    }

    public void register(String provider, Replayer replayer) {
        replayers.put(provider, replayer);
    }

    /** As {@link #process(String, String, String, String, Runnable)} without a payload (the entry cannot be replayed). */
    public Outcome process(String provider, String eventId, String eventType, Runnable work) {
        return process(provider, eventId, eventType, null, work);
    }

    /**
     * Runs {@code work} for the event unless it was processed before; the first delivery's {@code payload} is kept for
     * retries. Throws {@link WebhookProcessingException} when the work fails; the event then stays unprocessed, the
     * engine retries it, and a later delivery runs it again too.
     */
    public Outcome process(String provider, String eventId, String eventType, String payload, Runnable work) {
        Document entry = received(provider, eventId, eventType, payload);
        if ("PROCESSED".equals(entry.getString("status"))) {
            count(provider, "already-processed");
            return Outcome.ALREADY_PROCESSED;
        }
        String id = key(provider, eventId);
        try {
            work.run();
        } catch (RuntimeException e) {
            failed(id, entry, "delivery", e);
            count(provider, "failed");
            throw new WebhookProcessingException(
                    provider + " event " + eventId + " (" + eventType + ") failed: " + e.getMessage(), e);
        }
        processed(id, "delivery");
        count(provider, "processed");
        return Outcome.PROCESSED;
    }

    /** An admin's retry of one entry, whatever its schedule. */
    public Retried retry(String id) {
        Document entry = entries.find(Filters.eq("_id", id)).first();
        if (entry == null) {
            return new Retried(Retry.NOT_FOUND, null);
        }
        if ("PROCESSED".equals(entry.getString("status"))) {
            return new Retried(Retry.ALREADY_DONE, entry(entry));
        }
        Replayer replayer = replayers.get(entry.getString("provider"));
        if (entry.getString("payload") == null || replayer == null) {
            return new Retried(Retry.NOT_REPLAYABLE, entry(entry));
        }
        entries.updateOne(
                Filters.eq("_id", id),
                Updates.combine(Updates.set("lastAttemptAt", Date.from(clock.instant())), Updates.inc("attempts", 1)));
        boolean done = replay(entry, replayer, "admin");
        return new Retried(done ? Retry.PROCESSED : Retry.FAILED, find(id).orElseThrow());
    }

    /**
     * Retries up to {@code limit} entries whose retry is due (failed ones after their pause, and received ones left
     * unfinished for {@code pendingAfter}); each is claimed first with one conditional update, so an entry is retried
     * by one instance at a time. Returns how many were processed now.
     */
    public int retryDue(int limit) {
        Instant now = clock.instant();
        List<Document> due = new ArrayList<>();
        entries.find(Filters.and(Filters.lte("nextAttemptAt", Date.from(now)), Filters.ne("status", "PROCESSED")))
                .sort(Sorts.ascending("nextAttemptAt"))
                .limit(limit)
                .forEach(due::add);
        int processed = 0;
        for (Document entry : due) {
            Replayer replayer = replayers.get(entry.getString("provider"));
            Bson claim = Filters.and(
                    Filters.eq("_id", entry.get("_id")), Filters.eq("nextAttemptAt", entry.getDate("nextAttemptAt")));
            if (entry.getString("payload") == null || replayer == null) {
                entries.updateOne(claim, Updates.unset("nextAttemptAt")); // nothing to replay: only a delivery can help
                continue;
            }
            long claimed = entries.updateOne(
                            claim,
                            Updates.combine(
                                    Updates.set("nextAttemptAt", Date.from(now.plus(properties.claim()))),
                                    Updates.set("lastAttemptAt", Date.from(now)),
                                    Updates.inc("attempts", 1),
                                    Updates.inc("retries", 1)))
                    .getModifiedCount();
            if (claimed == 1
                    && replay(entry.append("retries", entry.getInteger("retries", 0) + 1), replayer, "engine")) {
                processed++;
            }
        }
        return processed;
    }

    private boolean replay(Document entry, Replayer replayer, String by) {
        String id = entry.getString("_id");
        String provider = entry.getString("provider");
        try {
            replayer.replay(entry.getString("eventType"), protection.reveal(provider, entry.getString("payload")));
        } catch (RuntimeException e) {
            failed(id, entry, by, e);
            count(provider, "failed");
            return false;
        }
        processed(id, by);
        count(provider, "processed");
        return true;
    }

    private void failed(String id, Document entry, String by, RuntimeException error) {
        int retries = entry.getInteger("retries", 0);
        Instant now = clock.instant();
        Bson next = retries >= properties.maxRetries()
                ? Updates.unset("nextAttemptAt")
                : Updates.set("nextAttemptAt", Date.from(now.plus(properties.backoff(retries + 1))));
        entries.updateOne(
                Filters.eq("_id", id),
                Updates.combine(
                        Updates.set("status", "FAILED"),
                        Updates.set("lastError", String.valueOf(error)),
                        next,
                        attempt(now, by, "FAILED", String.valueOf(error))));
    }

    private void processed(String id, String by) {
        Instant now = clock.instant();
        entries.updateOne(
                Filters.eq("_id", id),
                Updates.combine(
                        Updates.set("status", "PROCESSED"),
                        Updates.set("processedAt", Date.from(now)),
                        Updates.unset("lastError"),
                        Updates.unset("nextAttemptAt"),
                        attempt(now, by, "PROCESSED", null)));
    }

    private static Bson attempt(Instant at, String by, String outcome, String error) {
        Document attempt = new Document("at", Date.from(at)).append("by", by).append("outcome", outcome);
        if (error != null) {
            attempt.append("error", error);
        }
        return Updates.pushEach("attemptLog", List.of(attempt), new PushOptions().slice(-KEPT_ATTEMPTS));
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
    private Document received(String provider, String eventId, String eventType, String payload) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                return entries.findOneAndUpdate(
                        Filters.eq("_id", key(provider, eventId)),
                        Updates.combine(
                                Updates.setOnInsert("provider", provider),
                                Updates.setOnInsert("eventId", eventId),
                                Updates.setOnInsert("eventType", eventType),
                                Updates.setOnInsert("status", "RECEIVED"),
                                Updates.setOnInsert("receivedAt", Date.from(now)),
                                Updates.setOnInsert("expireAt", Date.from(now.plus(properties.retention()))),
                                Updates.setOnInsert("nextAttemptAt", Date.from(now.plus(properties.pendingAfter()))),
                                Updates.setOnInsert(
                                        "payload", payload == null ? null : protection.protect(provider, payload)),
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
        return find(key(provider, eventId));
    }

    /** Deletes entries past their retention, payloads and attempts with them; returns how many. */
    public long purgeExpired() {
        return entries.deleteMany(Filters.lt("expireAt", Date.from(clock.instant())))
                .getDeletedCount();
    }

    public Duration retention() {
        return properties.retention();
    }

    private static String key(String provider, String eventId) {
        return provider + ":" + eventId;
    }
}
