package io.orderengine.query.order;

import static io.orderengine.infrastructure.codec.OrderDocuments.decodeAddress;
import static io.orderengine.infrastructure.codec.OrderDocuments.decodeLines;
import static io.orderengine.infrastructure.codec.OrderDocuments.decodeTotal;
import static io.orderengine.infrastructure.codec.OrderDocuments.decodeTotals;
import static io.orderengine.infrastructure.codec.OrderDocuments.encode;
import static io.orderengine.infrastructure.codec.OrderDocuments.encodeLines;
import static io.orderengine.query.common.MongoValues.documents;
import static io.orderengine.query.common.MongoValues.embedded;
import static io.orderengine.query.common.MongoValues.intValue;
import static io.orderengine.query.common.MongoValues.longValue;
import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.common.MongoValues.toInstant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.privacy.PersonalData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.Document;

/**
 * The layout of an {@code order_details} document and its mapping to the views. Field names follow the JSON of
 * {@link OrderView}; times are BSON dates; {@code customer.guestTokenHash} is stored but never mapped to a view.
 */
final class OrderDocuments {

    static final String COLLECTION = "order_details";
    static final String ARCHIVE_COLLECTION = "order_details_archive";

    /** Orders in these statuses move to the archive once they have not changed for the archival period. */
    static final Set<OrderStatus> ARCHIVABLE =
            Set.of(OrderStatus.DELIVERED, OrderStatus.CANCELLED, OrderStatus.RETURNED);

    static final String ORDER_NUMBER = "orderNumber";
    static final String STATUS = "status";
    static final String PAYMENT_STATUS = "paymentStatus";
    static final String PAYMENT_METHOD = "paymentMethod";
    static final String CUSTOMER = "customer";
    static final String CUSTOMER_ID = "customer.customerId";
    static final String CUSTOMER_EMAIL = "customer.email";
    static final String GUEST_TOKEN_HASH = "guestTokenHash";
    static final String CUSTOMER_NAME = "customerName";
    static final String BILLING_NAME = "billingAddress.fullName";
    static final String LINES = "lines";
    static final String ITEM_COUNT = "itemCount";
    static final String TOTALS = "totals";
    static final String TOTAL_MINOR = "totals.totalMinor";
    static final String SHIPPING_ADDRESS = "shippingAddress";
    static final String BILLING_ADDRESS = "billingAddress";
    static final String DISCOUNT_CODE = "discountCode";
    static final String NOTES = "notes";
    static final String ADMIN_NOTES = "adminNotes";
    static final String PENDING_REFUNDS = "pendingRefunds";
    static final String TRACKING_NUMBER = "trackingNumber";
    static final String ESTIMATED_DELIVERY = "estimatedDelivery";
    static final String SHORTAGES = "shortages";
    static final String SHIPMENTS = "shipments";
    static final String STATUS_HISTORY = "statusHistory";
    static final String PAYMENT = "payment";
    static final String PLACED_AT = "placedAt";
    static final String UPDATED_AT = "updatedAt";

    /** The fields an order list row needs. */
    static final List<String> SUMMARY_FIELDS = List.of(
            ORDER_NUMBER, STATUS, PAYMENT_STATUS, CUSTOMER, CUSTOMER_NAME, ITEM_COUNT, TOTALS, PLACED_AT, UPDATED_AT);

    private OrderDocuments() {}

    /**
     * Declares the indexes of an order detail collection, the hot one or the archive (idempotent): the order number
     * (unique), the customer history with and without the status filter, each admin list filter combined with the
     * default sort and the sorts on their own, the e-mail, and the archival scan (status, last change).
     */
    static void createIndexes(MongoCollection<Document> orders) {
        orders.createIndex(Indexes.ascending(ORDER_NUMBER), new IndexOptions().unique(true));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending(CUSTOMER_ID), Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending(CUSTOMER_ID),
                Indexes.ascending(STATUS),
                Indexes.descending(PLACED_AT),
                Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.descending(TOTAL_MINOR), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending(STATUS), Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending(PAYMENT_STATUS), Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending(STATUS),
                Indexes.ascending(PAYMENT_STATUS),
                Indexes.descending(PLACED_AT),
                Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending(STATUS), Indexes.descending(TOTAL_MINOR), Indexes.descending("_id")));
        orders.createIndex(Indexes.ascending(CUSTOMER_EMAIL));
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS), Indexes.ascending(UPDATED_AT)));
    }

    /** Whether an order in this document's status may sit in the archive. */
    static boolean archivable(Document order) {
        return ARCHIVABLE.contains(OrderStatus.valueOf(order.getString(STATUS)));
    }

    /**
     * Replaces the personal data of an order document (the customer's e-mail and name, the addresses but their
     * country, the customer's notes) by {@link PersonalData#ERASED}: its data subject was erased.
     */
    static void erasePersonalData(Document order) {
        Document customer = order.get(CUSTOMER, Document.class);
        if (customer != null && customer.get("email") != null) {
            customer.put("email", PersonalData.ERASED);
        }
        if (order.get(CUSTOMER_NAME) != null) {
            order.put(CUSTOMER_NAME, PersonalData.ERASED);
        }
        order.put(
                SHIPPING_ADDRESS,
                io.orderengine.infrastructure.codec.OrderDocuments.erase(order.get(SHIPPING_ADDRESS, Document.class)));
        order.put(
                BILLING_ADDRESS,
                io.orderengine.infrastructure.codec.OrderDocuments.erase(order.get(BILLING_ADDRESS, Document.class)));
        if (order.get(NOTES) != null) {
            order.put(NOTES, PersonalData.ERASED);
        }
        // what the owner wrote as a status change (a cancel reason); the placement's fixed note is not theirs
        for (Document change : order.getList(STATUS_HISTORY, Document.class, List.of())) {
            Document actor = change.get("actor", Document.class);
            if (change.get("from") != null
                    && change.get("note") != null
                    && actor != null
                    && Set.of("customer", "guest").contains(actor.getString("type"))) {
                change.put("note", PersonalData.ERASED);
            }
        }
        OrderReturnDocuments.erasePersonalData(order);
    }

    static Document placed(OrderPlacedEvent event, Instant at) {
        int itemCount = 0;
        for (OrderLine line : event.lines()) {
            itemCount += line.quantity();
        }
        return new Document(ORDER_NUMBER, event.orderNumber().value())
                .append(STATUS, OrderStatus.PENDING.name())
                .append(PAYMENT_STATUS, PaymentStatus.PENDING.name())
                .append(
                        PAYMENT_METHOD,
                        event.paymentMethod() == null
                                ? null
                                : event.paymentMethod().wireName())
                .append(
                        CUSTOMER,
                        new Document("customerId", event.customer().customerId())
                                .append("email", event.customer().email())
                                .append(GUEST_TOKEN_HASH, event.customer().guestTokenHash()))
                .append(
                        CUSTOMER_NAME,
                        event.shippingAddress() == null
                                ? null
                                : event.shippingAddress().fullName())
                .append(LINES, encodeLines(event.lines()))
                .append(ITEM_COUNT, itemCount)
                .append(TOTALS, encode(event.totals()))
                .append(SHIPPING_ADDRESS, encode(event.shippingAddress()))
                .append(BILLING_ADDRESS, encode(event.billingAddress()))
                .append(DISCOUNT_CODE, event.discountCode())
                .append(NOTES, event.notes())
                .append(ADMIN_NOTES, new ArrayList<Document>())
                .append(TRACKING_NUMBER, null)
                .append(ESTIMATED_DELIVERY, null)
                .append(SHORTAGES, new ArrayList<Document>())
                .append(
                        STATUS_HISTORY,
                        new ArrayList<>(
                                List.of(statusChange(null, OrderStatus.PENDING, at, event.actor(), event.note()))))
                .append(PAYMENT, null)
                .append(PLACED_AT, toDate(event.placedAt()))
                .append(UPDATED_AT, toDate(at));
    }

    static Document statusChange(OrderStatus from, OrderStatus to, Instant at, Actor actor, String note) {
        return new Document("from", from == null ? null : from.name())
                .append("to", to.name())
                .append("at", toDate(at))
                .append("actor", actor(actor))
                .append("note", note);
    }

    static Document actor(Actor actor) {
        return actor == null
                ? null
                : new Document("type", actor.type().name().toLowerCase(Locale.ROOT)).append("id", actor.id());
    }

    static OrderView toView(Document document) {
        Document customer = embedded(document, CUSTOMER);
        OrderTotals totals = decodeTotals(embedded(document, TOTALS));
        String estimatedDelivery = document.getString(ESTIMATED_DELIVERY);
        return new OrderView(
                document.getString("_id"),
                document.getString(ORDER_NUMBER),
                OrderStatus.valueOf(document.getString(STATUS)),
                PaymentStatus.valueOf(document.getString(PAYMENT_STATUS)),
                document.getString(PAYMENT_METHOD),
                new OrderView.Customer(
                        customer.getString("customerId"),
                        customer.getString("email"),
                        customer.getString("customerId") == null),
                decodeLines(documents(document, LINES), totals.currency()).stream()
                        .map(OrderDocuments::toLine)
                        .toList(),
                new OrderView.Totals(
                        totals.subtotal().amountMinor(),
                        totals.discount().amountMinor(),
                        totals.shipping().amountMinor(),
                        totals.tax().amountMinor(),
                        totals.total().amountMinor(),
                        totals.currency(),
                        totals.taxRateBasisPoints()),
                toAddress(decodeAddress(embedded(document, SHIPPING_ADDRESS))),
                toAddress(decodeAddress(embedded(document, BILLING_ADDRESS))),
                document.getString(DISCOUNT_CODE),
                document.getString(NOTES),
                documents(document, ADMIN_NOTES).stream()
                        .map(note -> new OrderView.AdminNote(
                                toInstant(note.getDate("at")),
                                toActor(embedded(note, "actor")),
                                note.getString("note")))
                        .toList(),
                document.getString(TRACKING_NUMBER),
                estimatedDelivery == null ? null : LocalDate.parse(estimatedDelivery),
                documents(document, SHORTAGES).stream()
                        .map(shortage -> new OrderView.Shortage(
                                shortage.getString("sku"),
                                intValue(shortage, "requested"),
                                intValue(shortage, "available")))
                        .toList(),
                documents(document, STATUS_HISTORY).stream()
                        .map(OrderDocuments::toStatusChange)
                        .toList(),
                toPayment(embedded(document, PAYMENT)),
                toInstant(document.getDate(PLACED_AT)),
                toInstant(document.getDate(UPDATED_AT)),
                documents(document, SHIPMENTS).stream()
                        .map(OrderDocuments::toShipment)
                        .toList(),
                OrderEditDocuments.version(document),
                OrderEditDocuments.edits(document),
                documents(document, OrderReturnDocuments.RETURNS).stream()
                        .map(OrderReturnDocuments::toReturn)
                        .toList());
    }

    private static OrderView.Shipment toShipment(Document shipment) {
        return new OrderView.Shipment(
                shipment.getString("shipmentId"),
                documents(shipment, LINES).stream()
                        .map(line -> new OrderView.ShipmentLine(
                                line.getString("sku"), line.getString("name"), intValue(line, "quantity")))
                        .toList(),
                shipment.getString("carrier"),
                shipment.getString(TRACKING_NUMBER),
                shipment.getString(STATUS),
                toInstant(shipment.getDate("shippedAt")),
                toInstant(shipment.getDate("deliveredAt")));
    }

    static OrderSummaryView toSummary(Document document) {
        Document customer = embedded(document, CUSTOMER);
        Money total = decodeTotal(embedded(document, TOTALS));
        return new OrderSummaryView(
                document.getString("_id"),
                document.getString(ORDER_NUMBER),
                OrderStatus.valueOf(document.getString(STATUS)),
                PaymentStatus.valueOf(document.getString(PAYMENT_STATUS)),
                customer.getString("customerId"),
                customer.getString("email"),
                document.getString(CUSTOMER_NAME),
                intValue(document, ITEM_COUNT),
                total.amountMinor(),
                total.currency(),
                toInstant(document.getDate(PLACED_AT)),
                toInstant(document.getDate(UPDATED_AT)));
    }

    private static OrderView.Line toLine(OrderLine line) {
        return new OrderView.Line(
                line.sku().value(),
                line.name(),
                line.unitPrice().amountMinor(),
                line.quantity(),
                line.attributes(),
                line.imageUrl(),
                line.lineTotal().amountMinor());
    }

    static OrderView.PostalAddress toAddress(Address address) {
        if (address == null) {
            return null;
        }
        return new OrderView.PostalAddress(
                address.fullName(),
                address.phone(),
                address.line1(),
                address.line2(),
                address.city(),
                address.region(),
                address.postalCode(),
                address.country());
    }

    private static OrderView.StatusChange toStatusChange(Document change) {
        String from = change.getString("from");
        return new OrderView.StatusChange(
                from == null ? null : OrderStatus.valueOf(from),
                OrderStatus.valueOf(change.getString("to")),
                toInstant(change.getDate("at")),
                toActor(embedded(change, "actor")),
                change.getString("note"));
    }

    private static OrderView.ActorRef toActor(Document actor) {
        return actor == null ? null : new OrderView.ActorRef(actor.getString("type"), actor.getString("id"));
    }

    private static OrderView.Payment toPayment(Document payment) {
        if (payment == null) {
            return null;
        }
        Document action = embedded(payment, "action");
        return new OrderView.Payment(
                payment.getString("provider"),
                payment.getString("brand"),
                payment.getString("last4"),
                longValue(payment, "amountMinor"),
                longValue(payment, "capturedMinor"),
                longValue(payment, "refundedMinor"),
                payment.getList(PENDING_REFUNDS, Document.class, List.of()).stream()
                        .mapToLong(refund -> longValue(refund, "amountMinor"))
                        .sum(),
                payment.getString("reference"),
                payment.getString("captureReference"),
                payment.getString("failureReason"),
                action == null ? null : new OrderView.Action(action.getString("type"), action.getString("url")),
                payment.get("attempt") instanceof Number attempt ? attempt.intValue() : 1);
    }

    /**
     * Whether {@code guestTokenHash} (SHA-256 hex, either case) is the hash stored with the guest order
     * {@code order}; false for orders of signed-in customers and a null hash. Constant-time compare.
     */
    static boolean guestTokenMatches(Document order, String guestTokenHash) {
        if (guestTokenHash == null) {
            return false;
        }
        String stored = order.get(CUSTOMER, Document.class).getString(GUEST_TOKEN_HASH);
        return stored != null
                && MessageDigest.isEqual(
                        stored.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                        guestTokenHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
