package io.orderengine.outbound.mail;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderengine.messages.privacy.PersonalData;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The log of customer emails ({@code notification_log}), one document per event and template: {@code _id} is
 * {@code <event id>:<template>}, so the unique key stops a re-delivered event from mailing the customer twice.
 * An email is claimed ({@code SENDING}) before it goes out and marked {@code SENT} after; only a {@code FAILED} one
 * may be claimed again. A crash between sending and marking leaves it {@code SENDING}, and it is not sent again: a
 * customer rather misses a duplicate than gets one.
 */
@Component
public class SentEmails {

    public static final String COLLECTION = "notification_log";

    enum Status {
        SENDING,
        SENT,
        FAILED,
        SKIPPED
    }

    private final MongoCollection<Document> log;
    private final Clock clock;

    public SentEmails(MongoDatabase database, Clock clock) {
        this.log = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Replaces the recipient of every e-mail of the order by the erased placeholder (its subject was erased). */
    public void eraseRecipients(String orderId) {
        log.updateMany(
                new Document("orderId", orderId), new Document("$set", new Document("recipient", PersonalData.ERASED)));
    }

    static String key(String eventId, EmailKind kind) {
        return eventId + ":" + kind.template();
    }

    /** True when this caller may send the email now: it was never tried, or its last try failed. */
    boolean claim(String key, EmailKind kind, String orderId, String recipient) {
        Date now = Date.from(clock.instant());
        try {
            log.insertOne(new Document("_id", key)
                    .append("template", kind.template())
                    .append("orderId", orderId)
                    .append("recipient", recipient)
                    .append("status", Status.SENDING.name())
                    .append("tries", 1)
                    .append("createdAt", now)
                    .append("updatedAt", now));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return log.updateOne(
                                    Filters.and(Filters.eq("_id", key), Filters.eq("status", Status.FAILED.name())),
                                    Updates.combine(
                                            Updates.set("status", Status.SENDING.name()),
                                            Updates.inc("tries", 1),
                                            Updates.set("updatedAt", now)))
                            .getModifiedCount()
                    == 1;
        }
    }

    void markSent(String key, String subject) {
        mark(
                key,
                Status.SENT,
                Updates.combine(
                        Updates.set("subject", subject),
                        Updates.set("sentAt", Date.from(clock.instant())),
                        Updates.unset("lastError")));
    }

    void markFailed(String key, String error) {
        mark(key, Status.FAILED, Updates.set("lastError", error));
    }

    /** Records that the email was not sent on purpose (no SMTP server configured); it is not tried again. */
    void markSkipped(String key, EmailKind kind, String orderId, String reason) {
        Date now = Date.from(clock.instant());
        try {
            log.insertOne(new Document("_id", key)
                    .append("template", kind.template())
                    .append("orderId", orderId)
                    .append("status", Status.SKIPPED.name())
                    .append("lastError", reason)
                    .append("createdAt", now)
                    .append("updatedAt", now));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** The status of one email, or null if it was never tried. */
    String status(String key) {
        Document document = log.find(Filters.eq("_id", key)).first();
        return document == null ? null : document.getString("status");
    }

    private void mark(String key, Status status, org.bson.conversions.Bson extra) {
        log.updateOne(
                Filters.eq("_id", key),
                Updates.combine(
                        Updates.set("status", status.name()),
                        Updates.set("updatedAt", Date.from(clock.instant())),
                        extra));
    }
}
