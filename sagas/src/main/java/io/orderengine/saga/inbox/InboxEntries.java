package io.orderengine.saga.inbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** The read side of the {@link WebhookInbox}: entries as records, and the admin's list by status. */
public abstract class InboxEntries {

    public static final String COLLECTION = "webhook_inbox";

    /** What the inbox knows about one event (its payload stays in the store). */
    public record Entry(
            String provider,
            String eventId,
            String eventType,
            String status,
            int attempts,
            String lastError,
            Instant receivedAt,
            Instant processedAt,
            Instant expireAt,
            String id,
            Instant nextAttemptAt,
            boolean replayable,
            List<Attempt> attemptLog) {}

    /** One processing attempt: when, by whom ({@code delivery}, {@code engine}, {@code admin}), and how it ended. */
    public record Attempt(Instant at, String by, String outcome, String error) {}

    /** The admin's filter: {@code failed}, {@code pending} (received, not processed yet) or {@code done}. */
    public enum Status {
        FAILED("FAILED"),
        PENDING("RECEIVED"),
        DONE("PROCESSED");

        private final String stored;

        Status(String stored) {
            this.stored = stored;
        }
    }

    protected final MongoCollection<Document> entries;
    protected final Clock clock;

    InboxEntries(MongoCollection<Document> entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", id)).first()).map(InboxEntries::entry);
    }

    /** Entries in {@code status}, the most recently received first. */
    public List<Entry> list(Status status, long offset, int limit) {
        List<Entry> list = new ArrayList<>();
        entries.find(Filters.eq("status", status.stored))
                .sort(Sorts.descending("receivedAt"))
                .skip((int) Math.min(offset, Integer.MAX_VALUE))
                .limit(limit)
                .forEach(document -> list.add(entry(document)));
        return list;
    }

    public long count(Status status) {
        return entries.countDocuments(Filters.eq("status", status.stored));
    }

    static Entry entry(Document document) {
        List<Attempt> attempts = new ArrayList<>();
        for (Document attempt : document.getList("attemptLog", Document.class, List.of())) {
            attempts.add(new Attempt(
                    instant(attempt, "at"),
                    attempt.getString("by"),
                    attempt.getString("outcome"),
                    attempt.getString("error")));
        }
        return new Entry(
                document.getString("provider"),
                document.getString("eventId"),
                document.getString("eventType"),
                document.getString("status"),
                document.getInteger("attempts", 0),
                document.getString("lastError"),
                instant(document, "receivedAt"),
                instant(document, "processedAt"),
                instant(document, "expireAt"),
                document.getString("_id"),
                instant(document, "nextAttemptAt"),
                document.getString("payload") != null,
                List.copyOf(attempts));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
