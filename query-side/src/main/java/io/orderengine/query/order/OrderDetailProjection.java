package io.orderengine.query.order;

import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.order.OrderDocuments.*;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AdminNoteAddedEvent;
import io.orderengine.messages.order.EditBalanceChange;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatusChange;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.ReturnChange;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.order.ShipmentDeliveredEvent;
import io.orderengine.messages.privacy.DataSubjectErasedEvent;
import io.orderengine.messages.query.FindGuestOrderQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.query.VerifyGuestTokenQuery;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import io.orderengine.query.projection.RebuildableProjection;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The order detail read model ({@code order_details}, one document per order, {@code _id} = order id): everything
 * {@code GET /api/v1/orders/{id}} shows, built from the order's events. Each document records the sequence number
 * of the last event applied, so re-delivered events and replays change nothing. Every change is also pushed to
 * subscription queries on {@link FindOrderQuery} (live order status for the api's event stream).
 * <p>
 * Finished orders move to {@code order_details_archive} ({@link OrderArchive}); the queries here and events that
 * arrive late find them there. The customer history and the admin's default list are kept alongside, as documents
 * read by {@code _id} ({@link OrderListIndex}), by the same writes. The same handlers also run outside the live processor: bound to a new generation of
 * the collections during a rebuild ({@link #handlerFor}), and in memory to rebuild one order as it was at some
 * moment ({@link OrderDetailReplay}).
 */
@Component
@ProcessingGroup(OrderDetailProjection.PROCESSING_GROUP)
public class OrderDetailProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "order-detail";

    private final ProjectionTarget target;
    private final OrderDetailStore orders;
    private final QueryUpdateEmitter updateEmitter;

    @Autowired
    public OrderDetailProjection(ProjectionCollections collections, QueryUpdateEmitter updateEmitter) {
        this(collections.live(PROCESSING_GROUP), updateEmitter);
    }

    OrderDetailProjection(ProjectionTarget target, QueryUpdateEmitter updateEmitter) {
        this(target, new MongoOrderDetailStore(target), updateEmitter);
    }

    private OrderDetailProjection(ProjectionTarget target, OrderDetailStore orders, QueryUpdateEmitter updateEmitter) {
        this.target = target;
        this.orders = orders;
        this.updateEmitter = updateEmitter;
    }

    /** A projection that keeps its documents in memory and pushes no updates: for rebuilding single orders. */
    static OrderDetailProjection inMemory() {
        return new OrderDetailProjection(
                null,
                new InMemoryOrderDetailStore(),
                SimpleQueryUpdateEmitter.builder().build());
    }

    /** Declares the indexes of the serving {@code order_details} and its archive (idempotent). */
    @PostConstruct
    public void createIndexes() {
        createIndexes(target);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, ARCHIVE_COLLECTION, OrderListIndex.COLLECTION);
    }

    /** Declares the indexes, and marks the order lists complete when the collections hold no order yet. */
    @Override
    public void createIndexes(ProjectionTarget target) {
        OrderDocuments.createIndexes(target.collection(COLLECTION));
        OrderDocuments.createIndexes(target.collection(ARCHIVE_COLLECTION));
        new OrderListIndex(target).markCompleteIfEmpty();
    }

    @Override
    public Object handlerFor(ProjectionTarget target) {
        return new OrderDetailProjection(
                target, SimpleQueryUpdateEmitter.builder().build());
    }

    /** The document of {@code orderId} (hot or archived), or null; for {@link OrderDetailReplay}. */
    Document document(String orderId) {
        return orders.find(orderId);
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        publish(orders.create(event.orderId().value(), sequence, OrderDocuments.placed(event, at)));
    }

    @EventHandler
    void on(OrderAwaitingPaymentEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event, sequence, at, order -> {
            Document payment = payment(order);
            payment.put("provider", event.provider().wireName());
            payment.put("reference", event.paymentReference());
            payment.put(
                    "action",
                    event.action() == null
                            ? null
                            : new Document("type", event.action().type())
                                    .append("url", event.action().url()));
        });
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event, sequence, at, order -> {
            Document payment = payment(order);
            payment.put("provider", event.provider().wireName());
            payment.put("capturedMinor", event.captured().amountMinor());
            payment.put("captureReference", event.captureReference());
            payment.put("action", null);
            order.put(PAYMENT_STATUS, PaymentStatus.PAID.name());
        });
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event, sequence, at, order -> {
            order.put(TRACKING_NUMBER, event.trackingNumber());
            order.put(
                    ESTIMATED_DELIVERY,
                    event.estimatedDelivery() == null
                            ? null
                            : event.estimatedDelivery().toString());
        });
    }

    /** A parcel left: added to the order's shipments ({@link OrderShipmentDocuments}). */
    @EventHandler
    void on(ShipmentCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> OrderShipmentDocuments.created(order, event, at));
    }

    @EventHandler
    void on(ShipmentDeliveredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> OrderShipmentDocuments.delivered(order, event, at));
    }

    /** A return asked for, received, rejected or refunded ({@link OrderReturnDocuments}). */
    @EventHandler
    void on(ReturnChange event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> OrderReturnDocuments.apply(order, event, at));
    }

    @EventHandler
    void on(OrderRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(
                event,
                sequence,
                at,
                order -> order.put(
                        SHORTAGES,
                        event.shortSkus() == null
                                ? List.of()
                                : event.shortSkus().stream()
                                        .map(shortSku -> new Document(
                                                        "sku", shortSku.sku().value())
                                                .append("requested", shortSku.requested())
                                                .append("available", shortSku.available()))
                                        .toList()));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event, sequence, at, order -> {
            Document payment = order.get(PAYMENT, Document.class);
            if (payment != null) {
                payment.put("action", null);
            }
            OrderEditDocuments.cancelled(order);
        });
    }

    /** Status changes that carry nothing but the change: processing, delivered, returned, attention, resumed. */
    @EventHandler
    void on(OrderStatusChange event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event, sequence, at, order -> {});
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> {
            Document payment = payment(order);
            payment.put("provider", event.provider().wireName());
            payment.put("reference", event.paymentReference());
            payment.put("amountMinor", event.amount().amountMinor());
            payment.put("brand", event.cardBrand());
            payment.put("last4", event.cardLast4());
            order.put(PAYMENT_STATUS, PaymentStatus.AUTHORIZED.name());
        });
    }

    @EventHandler
    void on(PaymentFailedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> {
            payment(order).put("failureReason", event.reason());
            order.put(PAYMENT_STATUS, PaymentStatus.FAILED.name());
        });
    }

    /** A new payment attempt after a failed one: its number; the failure and the old action are the old attempt's. */
    @EventHandler
    void on(PaymentAttemptStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> {
            Document payment = payment(order);
            payment.put("attempt", event.attempt());
            payment.put("provider", event.provider().wireName());
            payment.put("failureReason", null);
            payment.put("action", null);
            order.put(PAYMENT_STATUS, PaymentStatus.PENDING.name());
        });
    }

    /** A refund the admin asked for and the gateway has not yet confirmed: shown as pending until it has. */
    @EventHandler
    void on(RefundRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> {
            Document payment = payment(order);
            List<Document> pending = new ArrayList<>(payment.getList(PENDING_REFUNDS, Document.class, List.of()));
            pending.removeIf(refund -> event.refundId().equals(refund.getString("refundId")));
            pending.add(new Document("refundId", event.refundId())
                    .append("amountMinor", event.amount().amountMinor()));
            payment.put(PENDING_REFUNDS, pending);
        });
    }

    @EventHandler
    void on(PaymentRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> {
            Document payment = payment(order);
            payment.put("refundedMinor", event.totalRefunded().amountMinor());
            List<Document> pending = new ArrayList<>(payment.getList(PENDING_REFUNDS, Document.class, List.of()));
            pending.removeIf(refund -> event.refundId().equals(refund.getString("refundId")));
            payment.put(PENDING_REFUNDS, pending);
            order.put(PAYMENT_STATUS, event.paymentStatus().name());
            OrderEditDocuments.refunded(order, event);
        });
    }

    @EventHandler
    void on(AdminNoteAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> {
            List<Document> notes = new ArrayList<>(order.getList(ADMIN_NOTES, Document.class, List.of()));
            notes.add(new Document("at", toDate(at))
                    .append("actor", actor(event.actor()))
                    .append("note", event.note()));
            order.put(ADMIN_NOTES, notes);
        });
    }

    @EventHandler
    void on(OrderEditedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> OrderEditDocuments.edited(order, event, at));
    }

    /** The balance of an edit: asked for, payable, paid, or the edit rolled back ({@link OrderEditDocuments}). */
    @EventHandler
    void on(EditBalanceChange event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.orderId(), sequence, at, order -> OrderEditDocuments.balance(order, event));
    }

    /** A data subject was erased: their orders' documents lose their personal data (on replays too). */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        for (OrderId orderId : event.orderIds()) {
            publish(orders.rewrite(orderId.value(), OrderDocuments::erasePersonalData));
        }
    }

    /** Before a replay: the read model is rebuilt from the first event. */
    @ResetHandler
    public void reset() {
        orders.clear();
    }

    /** The order's detail view (also of an archived order), or null when no such order is known. */
    @QueryHandler
    public OrderView handle(FindOrderQuery query) {
        Document document = orders.find(query.orderId().value());
        return document == null ? null : OrderDocuments.toView(document);
    }

    @QueryHandler
    public Boolean handle(VerifyGuestTokenQuery query) {
        return guestTokenMatches(query.orderId(), query.guestTokenHash());
    }

    /**
     * Whether {@code guestTokenHash} (SHA-256 hex of the token a guest presented) is the one stored for the guest
     * order {@code orderId}; false for unknown orders and for orders of signed-in customers. Constant-time compare.
     */
    public boolean guestTokenMatches(OrderId orderId, String guestTokenHash) {
        Document document = orders.find(orderId.value());
        return document != null && OrderDocuments.guestTokenMatches(document, guestTokenHash);
    }

    /** The guest order's view, read once, when {@code guestTokenHash} is the one stored with it; else null. */
    @QueryHandler
    public OrderView handle(FindGuestOrderQuery query) {
        Document document = orders.find(query.orderId().value());
        return document != null && OrderDocuments.guestTokenMatches(document, query.guestTokenHash())
                ? OrderDocuments.toView(document)
                : null;
    }

    private void changeStatus(OrderStatusChange event, long sequence, Instant at, Consumer<Document> change) {
        update(event.orderId(), sequence, at, order -> {
            order.put(STATUS, event.to().name());
            List<Document> history = new ArrayList<>(order.getList(STATUS_HISTORY, Document.class, List.of()));
            history.add(statusChange(event.from(), event.to(), at, event.actor(), event.note()));
            order.put(STATUS_HISTORY, history);
            change.accept(order);
        });
    }

    private void update(OrderId orderId, long sequence, Instant at, Consumer<Document> change) {
        publish(orders.update(orderId.value(), sequence, order -> {
            change.accept(order);
            order.put(UPDATED_AT, toDate(at));
        }));
    }

    private static Document payment(Document order) {
        Document payment = order.get(PAYMENT, Document.class);
        if (payment == null) {
            Document totals = order.get(TOTALS, Document.class);
            payment = new Document("provider", order.getString(PAYMENT_METHOD))
                    .append("brand", null)
                    .append("last4", null)
                    .append("amountMinor", totals.get("totalMinor"))
                    .append("capturedMinor", 0L)
                    .append("refundedMinor", 0L)
                    .append("reference", null)
                    .append("captureReference", null)
                    .append("failureReason", null)
                    .append("action", null)
                    .append("attempt", 1);
            order.put(PAYMENT, payment);
        }
        return payment;
    }

    private void publish(Document changed) {
        if (changed != null) {
            String orderId = changed.getString("_id");
            updateEmitter.emit(
                    FindOrderQuery.class,
                    query -> query.orderId().value().equals(orderId),
                    OrderDocuments.toView(changed));
        }
    }
}
