package io.orderengine.outbound.facts;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.orderengine.infrastructure.codec.OrderDocuments;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.privacy.PersonalData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The order-facts read model of the outbound side ({@value #COLLECTION}, one document per order, {@code _id} = order
 * id): the {@link OrderFacts} that e-mails, invoices and webhooks are written from.
 *
 * <p>It has no event processor of its own. Each consumer hands it the order event it is about to act on
 * ({@link #record}) and gets the facts as of that event back: processors run independently, so facts kept by a
 * separate processor could still lack an order whose confirmation a consumer already sees. Every consumer sees an
 * order's events in order, and each event is folded in once (the document keeps the sequence number of the last one,
 * and writes are compare-and-set on it), so redelivery, replays and two consumers recording the same event change
 * nothing.
 *
 * <p>An order whose facts are missing (placed before this model existed, or before a consumer started at the head of
 * the event stream) is rebuilt from its events in the event store and stored.
 */
@Component
public class OrderFactsStore {

    static final String COLLECTION = "order_facts";

    private static final String ORDER_NUMBER = "orderNumber";
    private static final String EMAIL = "email";
    private static final String CUSTOMER_ID = "customerId";
    private static final String GUEST = "guest";
    private static final String LINES = "lines";
    private static final String TOTALS = "totals";
    private static final String SHIPPING_ADDRESS = "shippingAddress";
    private static final String BILLING_ADDRESS = "billingAddress";
    private static final String PLACED_AT = "placedAt";
    private static final String CONFIRMED_AT = "confirmedAt";
    private static final String SHIPPED_AT = "shippedAt";
    private static final String TRACKING_NUMBER = "trackingNumber";
    private static final String CANCELLED_AT = "cancelledAt";
    private static final String REFUNDED_TOTAL = "refundedTotal";
    private static final String APPLIED_SEQUENCE = "appliedSequence";

    /** Compare-and-set rounds before giving up; two consumers at most race for one order. */
    private static final int ATTEMPTS = 5;

    private final MongoCollection<Document> collection;
    private final EventStore events;

    public OrderFactsStore(MongoDatabase database, EventStore events) {
        this.collection = database.getCollection(COLLECTION);
        this.events = events;
    }

    /**
     * Folds the order event {@code event} ({@code sequence}, stored at {@code at}) into the order's facts and returns
     * the facts as of that event or later; empty when neither this model nor the event store knows the order.
     */
    public Optional<OrderFacts> record(OrderId orderId, Object event, long sequence, Instant at) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document stored =
                    collection.find(Filters.eq("_id", orderId.value())).first();
            if (stored == null) {
                Optional<OrderFacts> facts = event instanceof OrderPlacedEvent placed
                        ? Optional.of(OrderFacts.placed(placed, sequence))
                        : fold(orderId);
                if (facts.isEmpty() || insert(facts.get())) {
                    return facts;
                }
                continue;
            }
            OrderFacts current = decode(stored);
            OrderFacts next = current.apply(event, sequence, at);
            if (next == current || replace(next, current.sequence())) {
                return Optional.of(next);
            }
        }
        throw concurrentChanges(orderId);
    }

    /** The order's facts as stored, else rebuilt from its events; empty when the event store has no such order. */
    public Optional<OrderFacts> find(OrderId orderId) {
        Document stored = collection.find(Filters.eq("_id", orderId.value())).first();
        return stored != null ? Optional.of(decode(stored)) : rebuild(orderId);
    }

    /**
     * The newest {@code limit} guest orders placed with {@code email} (compared ignoring case), newest first. Only
     * orders this model has seen: those placed while a consumer recorded events.
     */
    public List<OrderFacts> recentGuestOrders(String email, int limit) {
        List<OrderFacts> found = new ArrayList<>();
        collection
                .find(Filters.and(Filters.eq(GUEST, true), Filters.regex(EMAIL, "^" + Pattern.quote(email) + "$", "i")))
                .sort(Sorts.descending(PLACED_AT))
                .limit(limit)
                .forEach(document -> found.add(decode(document)));
        return found;
    }

    /**
     * The order's facts folded from every event the event store has of it now (this model may be a moment behind),
     * stored unless the stored ones are as new; empty when the event store has no such order.
     */
    public Optional<OrderFacts> rebuild(OrderId orderId) {
        Optional<OrderFacts> folded = fold(orderId);
        if (folded.isEmpty()) {
            return folded;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document stored =
                    collection.find(Filters.eq("_id", orderId.value())).first();
            if (stored == null) {
                if (insert(folded.get())) {
                    return folded;
                }
                continue;
            }
            OrderFacts current = decode(stored);
            if (current.sequence() >= folded.get().sequence()) {
                return Optional.of(current);
            }
            if (replace(folded.get(), current.sequence())) {
                return folded;
            }
        }
        throw concurrentChanges(orderId);
    }

    /**
     * Whether the order's event {@code sequence} directly follows a shipment (a {@code ShipmentCreatedEvent} at
     * {@code sequence - 1}): how an order's "shipped" tells a shipment it completes from one of an order shipped
     * before shipments were tracked.
     */
    public boolean followsAShipment(OrderId orderId, long sequence) {
        if (sequence < 1) {
            return false;
        }
        Iterator<? extends DomainEventMessage<?>> stream = events.readEvents(orderId.value(), sequence - 1);
        return stream.hasNext() && stream.next().getPayload() instanceof ShipmentCreatedEvent;
    }

    /** The facts of every event of the order in the event store (snapshots are not read: they are the aggregate's). */
    private Optional<OrderFacts> fold(OrderId orderId) {
        OrderFacts facts = null;
        Iterator<? extends DomainEventMessage<?>> stream = events.readEvents(orderId.value(), 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (facts == null) {
                if (event.getPayload() instanceof OrderPlacedEvent placed) {
                    facts = OrderFacts.placed(placed, event.getSequenceNumber());
                }
            } else {
                facts = facts.apply(event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
            }
        }
        return Optional.ofNullable(facts);
    }

    private boolean insert(OrderFacts facts) {
        try {
            collection.insertOne(encode(facts));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Compare-and-set on the sequence; facts not erased never replace facts erased meanwhile ({@link #erase}). */
    private boolean replace(OrderFacts facts, long expectedSequence) {
        return collection
                        .replaceOne(
                                Filters.and(
                                        Filters.eq("_id", facts.orderId()),
                                        Filters.eq(APPLIED_SEQUENCE, expectedSequence),
                                        PersonalData.ERASED.equals(facts.email())
                                                ? Filters.empty()
                                                : Filters.ne(EMAIL, PersonalData.ERASED)),
                                encode(facts))
                        .getMatchedCount()
                > 0;
    }

    /**
     * Replaces the personal data in the facts of {@code orderId} (e-mail, names, phone and street lines) by the erased
     * placeholder, keeping what the invoices and the law need (number, amounts, tax, country, dates). The erasure is no
     * event of the order: its applied sequence stays, and {@link #replace} refuses to put unerased facts back.
     */
    public void erase(OrderId orderId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document document =
                    collection.find(Filters.eq("_id", orderId.value())).first();
            if (document == null) {
                return;
            }
            Object sequence = document.get(APPLIED_SEQUENCE);
            document.put(EMAIL, PersonalData.ERASED);
            document.put(SHIPPING_ADDRESS, OrderDocuments.erase(document.get(SHIPPING_ADDRESS, Document.class)));
            document.put(BILLING_ADDRESS, OrderDocuments.erase(document.get(BILLING_ADDRESS, Document.class)));
            if (collection
                            .replaceOne(
                                    Filters.and(
                                            Filters.eq("_id", orderId.value()), Filters.eq(APPLIED_SEQUENCE, sequence)),
                                    document)
                            .getMatchedCount()
                    > 0) {
                return;
            }
        }
        throw concurrentChanges(orderId);
    }

    private static IllegalStateException concurrentChanges(OrderId orderId) {
        return new IllegalStateException(COLLECTION + ": the facts of order " + orderId + " kept changing while "
                + "an event was folded in; the event is tried again");
    }

    static Document encode(OrderFacts facts) {
        return new Document("_id", facts.orderId())
                .append(ORDER_NUMBER, facts.orderNumber())
                .append(EMAIL, facts.email())
                .append(CUSTOMER_ID, facts.customerId())
                .append(GUEST, facts.guest())
                .append(LINES, OrderDocuments.encodeLines(facts.lines()))
                .append(TOTALS, OrderDocuments.encode(facts.totals()))
                .append(SHIPPING_ADDRESS, OrderDocuments.encode(facts.shippingAddress()))
                .append(BILLING_ADDRESS, OrderDocuments.encode(facts.billingAddress()))
                .append(PLACED_AT, date(facts.placedAt()))
                .append(CONFIRMED_AT, date(facts.confirmedAt()))
                .append(SHIPPED_AT, date(facts.shippedAt()))
                .append(TRACKING_NUMBER, facts.trackingNumber())
                .append(CANCELLED_AT, date(facts.cancelledAt()))
                .append(REFUNDED_TOTAL, OrderDocuments.encode(facts.refundedTotal()))
                .append(APPLIED_SEQUENCE, facts.sequence());
    }

    static OrderFacts decode(Document document) {
        OrderTotals totals = OrderDocuments.decodeTotals(document.get(TOTALS, Document.class));
        return new OrderFacts(
                document.getString("_id"),
                document.getString(ORDER_NUMBER),
                document.getString(EMAIL),
                document.getString(CUSTOMER_ID),
                Boolean.TRUE.equals(document.getBoolean(GUEST)),
                OrderDocuments.decodeLines(document.getList(LINES, Document.class), totals.currency()),
                totals,
                OrderDocuments.decodeAddress(document.get(SHIPPING_ADDRESS, Document.class)),
                OrderDocuments.decodeAddress(document.get(BILLING_ADDRESS, Document.class)),
                instant(document.getDate(PLACED_AT)),
                instant(document.getDate(CONFIRMED_AT)),
                instant(document.getDate(SHIPPED_AT)),
                document.getString(TRACKING_NUMBER),
                instant(document.getDate(CANCELLED_AT)),
                OrderDocuments.decodeMoney(document.get(REFUNDED_TOTAL, Document.class)),
                OrderDocuments.longValue(document, APPLIED_SEQUENCE));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
