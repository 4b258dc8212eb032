package io.orderengine.outbound.webhooks;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The webhook outbox and delivery log ({@code webhook_deliveries}): one document per event and endpoint, whose id is
 * derived from both, so writing the same event for the same endpoint twice leaves one delivery. The worker claims a
 * due delivery ({@code SENDING}, with a lease), sends it and records the outcome: {@code DELIVERED}, back to
 * {@code PENDING} with the time of the next try, or {@code FAILED} after the last try. A claim whose worker died
 * runs out and the delivery is taken again. {@code CANCELLED}: its endpoint was deleted.
 */
@Component
public class WebhookDeliveries {

    public static final String COLLECTION = "webhook_deliveries";

    private final List<Runnable> dueNowListeners = new CopyOnWriteArrayList<>();

    /** Where a delivery is in its life. */
    public enum Status {
        PENDING,
        SENDING,
        DELIVERED,
        FAILED,
        CANCELLED
    }

    /** One delivery as stored; {@code body} is the exact JSON that is signed and posted. */
    public record Delivery(
            String id,
            String endpointId,
            String eventId,
            String eventType,
            String body,
            Status status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            Instant nextAttemptAt,
            Instant lastAttemptAt,
            Instant deliveredAt,
            Instant createdAt) {}

    private final MongoCollection<Document> deliveries;

    public WebhookDeliveries(MongoDatabase database) {
        this.deliveries = database.getCollection(COLLECTION);
    }

    /** Runs {@code listener} whenever this instance makes a delivery due now (a new one, or one sent again). */
    void whenDueNow(Runnable listener) {
        dueNowListeners.add(listener);
    }

    private void dueNow() {
        dueNowListeners.forEach(Runnable::run);
    }

    /** The indexes of the due query and of an endpoint's deliveries (MongoDB and the embedded store serve them). */
    @PostConstruct
    void createIndexes() {
        deliveries.createIndex(Indexes.ascending("status", "nextAttemptAt"), new IndexOptions().name("due"));
        deliveries.createIndex(Indexes.ascending("endpointId", "createdAt"), new IndexOptions().name("byEndpoint"));
    }

    static String idOf(String eventId, String endpointId) {
        return UUID.nameUUIDFromBytes((eventId + "\n" + endpointId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Adds the delivery of {@code eventId} to {@code endpointId} unless it exists; true when it was added. */
    public boolean enqueue(String eventId, String endpointId, WebhookEventType type, String body, Instant now) {
        return enqueue(eventId, endpointId, type, body, null, now);
    }

    /**
     * As {@link #enqueue(String, String, WebhookEventType, String, Instant)}, for an event of order {@code orderId}
     * (kept on the delivery, so an erasure of its customer finds it: {@link #erasePersonalData}).
     */
    public boolean enqueue(
            String eventId, String endpointId, WebhookEventType type, String body, String orderId, Instant now) {
        try {
            deliveries.insertOne(new Document("_id", idOf(eventId, endpointId))
                    .append("endpointId", endpointId)
                    .append("eventId", eventId)
                    .append("eventType", type.wireName())
                    .append("orderId", orderId)
                    .append("body", body)
                    .append("status", Status.PENDING.name())
                    .append("attempts", 0)
                    .append("nextAttemptAt", Date.from(now))
                    .append("createdAt", Date.from(now)));
            dueNow();
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Erases the personal data of the stored bodies of {@code orderIds}' deliveries, sent or not (a delivery still to
     * be sent then posts the placeholder); returns how many were changed. Deliveries stored before they named their
     * order are found by the order id in their body.
     */
    public int erasePersonalData(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        List<Bson> inBody = orderIds.stream()
                .map(id -> Filters.regex("body", "\"orderId\":\"" + Pattern.quote(id) + "\""))
                .toList();
        Bson filter = Filters.or(
                Filters.in("orderId", orderIds), Filters.and(Filters.eq("orderId", null), Filters.or(inBody)));
        int changed = 0;
        for (Document delivery : deliveries.find(filter).into(new ArrayList<>())) {
            String body = delivery.getString("body");
            String erased = body == null ? null : DeliveryBodies.erase(body);
            if (erased != null && !erased.equals(body)) {
                deliveries.updateOne(Filters.eq("_id", delivery.get("_id")), Updates.set("body", erased));
                changed++;
            }
        }
        return changed;
    }

    /** Deliveries due at {@code now} (oldest first), leaving out endpoints in {@code busyEndpoints}. */
    List<Delivery> due(Instant now, int limit, Collection<String> busyEndpoints) {
        Bson filter = dueFilter(now);
        if (!busyEndpoints.isEmpty()) {
            filter = Filters.and(filter, Filters.nin("endpointId", busyEndpoints));
        }
        List<Delivery> due = new ArrayList<>();
        deliveries
                .find(filter)
                .sort(Sorts.ascending("nextAttemptAt"))
                .limit(limit)
                .forEach(document -> due.add(delivery(document)));
        return due;
    }

    private static Bson dueFilter(Instant now) {
        Date at = Date.from(now);
        return Filters.or(
                Filters.and(Filters.eq("status", Status.PENDING.name()), Filters.lte("nextAttemptAt", at)),
                Filters.and(Filters.eq("status", Status.SENDING.name()), Filters.lte("leaseUntil", at)));
    }

    /** Takes the delivery for one try, counting it; empty when someone else took it or it is no longer due. */
    Optional<Delivery> claim(String id, Instant now, Instant leaseUntil) {
        Document claimed = deliveries.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), dueFilter(now)),
                Updates.combine(
                        Updates.set("status", Status.SENDING.name()),
                        Updates.inc("attempts", 1),
                        Updates.set("leaseUntil", Date.from(leaseUntil)),
                        Updates.set("lastAttemptAt", Date.from(now))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(WebhookDeliveries::delivery);
    }

    void delivered(String id, int statusCode, Instant now) {
        deliveries.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.SENDING.name())),
                Updates.combine(
                        Updates.set("status", Status.DELIVERED.name()),
                        Updates.set("lastStatusCode", statusCode),
                        Updates.set("deliveredAt", Date.from(now)),
                        Updates.unset("lastError"),
                        Updates.unset("leaseUntil"),
                        Updates.unset("nextAttemptAt")));
    }

    /** Records a failed try: due again at {@code nextAttemptAt}, or FAILED for good when that is null. */
    void failed(String id, Integer statusCode, String error, Instant nextAttemptAt) {
        deliveries.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.SENDING.name())),
                Updates.combine(
                        Updates.set("status", (nextAttemptAt == null ? Status.FAILED : Status.PENDING).name()),
                        Updates.set("lastStatusCode", statusCode),
                        Updates.set("lastError", error),
                        Updates.unset("leaseUntil"),
                        nextAttemptAt == null
                                ? Updates.unset("nextAttemptAt")
                                : Updates.set("nextAttemptAt", Date.from(nextAttemptAt))));
    }

    void cancel(String id, String reason) {
        deliveries.updateOne(
                Filters.eq("_id", id),
                Updates.combine(
                        Updates.set("status", Status.CANCELLED.name()),
                        Updates.set("lastError", reason),
                        Updates.unset("leaseUntil"),
                        Updates.unset("nextAttemptAt")));
    }

    /** Cancels what is still waiting for an endpoint that was deleted. */
    public void cancelPendingOf(String endpointId) {
        deliveries.updateMany(
                Filters.and(Filters.eq("endpointId", endpointId), Filters.eq("status", Status.PENDING.name())),
                Updates.combine(
                        Updates.set("status", Status.CANCELLED.name()),
                        Updates.set("lastError", "endpoint deleted"),
                        Updates.unset("nextAttemptAt")));
    }

    /**
     * Sends the delivery again as soon as the worker gets to it, with a fresh set of tries. Not while a try is
     * running. Returns the delivery after the change, or empty when it is unknown or being sent.
     */
    public Optional<Delivery> resend(String id, Instant now) {
        Document updated = deliveries.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.ne("status", Status.SENDING.name())),
                Updates.combine(
                        Updates.set("status", Status.PENDING.name()),
                        Updates.set("attempts", 0),
                        Updates.set("nextAttemptAt", Date.from(now)),
                        Updates.inc("resends", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated != null) {
            dueNow();
        }
        return Optional.ofNullable(updated).map(WebhookDeliveries::delivery);
    }

    public Optional<Delivery> find(String id) {
        return Optional.ofNullable(deliveries.find(Filters.eq("_id", id)).first())
                .map(WebhookDeliveries::delivery);
    }

    /** One endpoint's deliveries, newest first. */
    public List<Delivery> ofEndpoint(String endpointId, int page, int size) {
        List<Delivery> items = new ArrayList<>();
        deliveries
                .find(Filters.eq("endpointId", endpointId))
                .sort(Sorts.descending("createdAt"))
                .skip(page * size)
                .limit(size)
                .forEach(document -> items.add(delivery(document)));
        return items;
    }

    public long countOfEndpoint(String endpointId) {
        return deliveries.countDocuments(Filters.eq("endpointId", endpointId));
    }

    private static Delivery delivery(Document document) {
        return new Delivery(
                document.getString("_id"),
                document.getString("endpointId"),
                document.getString("eventId"),
                document.getString("eventType"),
                document.getString("body"),
                Status.valueOf(document.getString("status")),
                document.getInteger("attempts", 0),
                document.getInteger("lastStatusCode"),
                document.getString("lastError"),
                instant(document, "nextAttemptAt"),
                instant(document, "lastAttemptAt"),
                instant(document, "deliveredAt"),
                instant(document, "createdAt"));
    }

    private static Instant instant(Document document, String key) {
        Date date = document.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
