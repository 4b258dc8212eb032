package io.orderengine.query.order;

import static io.orderengine.infrastructure.codec.OrderDocuments.decodeAddress;
import static io.orderengine.infrastructure.codec.OrderDocuments.encode;
import static io.orderengine.infrastructure.codec.OrderDocuments.encodeLines;
import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.common.MongoValues.toInstant;

import io.orderengine.messages.order.EditBalanceAwaitingPaymentEvent;
import io.orderengine.messages.order.EditBalanceChange;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.EditBalanceRequestedEvent;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * The order detail's side of order edits: an edit replaces the lines, totals and shipping address, raises the
 * {@code version} and appends to {@code edits}; an edit whose lower total is refunded is {@code REFUND_PENDING}
 * until the refund is recorded, then {@code SETTLED} like every other edit. An edit that raised a paid total is
 * {@code AWAITING_BALANCE} (the order's payment {@code PARTIALLY_PAID}, its {@code payment.action} the balance's)
 * until the balance is paid ({@code SETTLED}) or the edit is rolled back ({@code ROLLED_BACK}: the lines, totals and
 * address before it, at a version of their own).
 */
final class OrderEditDocuments {

    static final String VERSION = "version";
    static final String EDITS = "edits";
    static final String SETTLED = "SETTLED";
    static final String REFUND_PENDING = "REFUND_PENDING";
    static final String AWAITING_BALANCE = "AWAITING_BALANCE";
    static final String ROLLED_BACK = "ROLLED_BACK";
    static final String CANCELLED = "CANCELLED";
    /** On an edit awaiting its balance: the order's payment status before it was asked for. */
    private static final String PAYMENT_STATUS_BEFORE = "paymentStatusBefore";
    /** The first payment's reference while {@code payment.reference} is the balance payment's. */
    private static final String FIRST_REFERENCE = "firstReference";

    private OrderEditDocuments() {}

    static void edited(Document order, OrderEditedEvent event, Instant at) {
        replaceContents(order, event.lines(), event.totals(), event.shippingAddress(), event.version());
        List<Document> changes = new ArrayList<>();
        for (OrderEditChange change : event.changes()) {
            changes.add(new Document("type", change.type().name().toLowerCase(Locale.ROOT))
                    .append("sku", change.sku() == null ? null : change.sku().value())
                    .append("quantity", change.quantity())
                    .append("address", change.address() == null ? null : encode(change.address())));
        }
        boolean refund = event.paid() && event.balance().isNegative();
        Document payment = order.get(OrderDocuments.PAYMENT, Document.class);
        if (!event.paid() && event.balance().amountMinor() != 0 && payment != null) {
            payment.put("action", null); // the payment for the old total is being replaced by one for the new
            payment.put("amountMinor", event.totals().total().amountMinor());
        }
        List<Document> edits = new ArrayList<>(order.getList(EDITS, Document.class, List.of()));
        edits.add(new Document("editId", event.editId())
                .append(VERSION, event.version())
                .append("at", toDate(at))
                .append("actor", OrderDocuments.actor(event.actor()))
                .append("note", event.note())
                .append("changes", changes)
                .append("balanceMinor", event.balance().amountMinor())
                .append("status", refund ? REFUND_PENDING : SETTLED));
        order.put(EDITS, edits);
    }

    /** The balance of an edit asked for, payable, paid, or the edit rolled back. */
    static void balance(Document order, EditBalanceChange event) {
        Document payment = order.get(OrderDocuments.PAYMENT, Document.class);
        if (event instanceof EditBalanceRequestedEvent) {
            for (Document edit : order.getList(EDITS, Document.class, List.of())) {
                if (event.editId().equals(edit.getString("editId"))) {
                    edit.put(PAYMENT_STATUS_BEFORE, order.getString(OrderDocuments.PAYMENT_STATUS));
                }
            }
            order.put(OrderDocuments.PAYMENT_STATUS, PaymentStatus.PARTIALLY_PAID.name());
            editStatus(order, event.editId(), AWAITING_BALANCE);
        } else if (event instanceof EditBalanceAwaitingPaymentEvent awaiting && payment != null) {
            // the customer's side (Stripe's client secret, PayPal's return) works on the payment shown
            payment.put(FIRST_REFERENCE, payment.getString("reference"));
            payment.put("reference", awaiting.paymentReference());
            payment.put(
                    "action",
                    awaiting.action() == null
                            ? null
                            : new Document("type", awaiting.action().type())
                                    .append("url", awaiting.action().url()));
        } else if (event instanceof EditBalancePaidEvent paid) {
            order.put(OrderDocuments.PAYMENT_STATUS, paid.paymentStatus().name());
            if (payment != null) {
                Number captured = payment.get("capturedMinor", Number.class);
                payment.put(
                        "capturedMinor",
                        (captured == null ? 0L : captured.longValue())
                                + paid.amount().amountMinor());
                restoreFirstPayment(payment);
            }
            editStatus(order, event.editId(), SETTLED);
        } else if (event instanceof OrderEditRolledBackEvent rolledBack) {
            replaceContents(
                    order, rolledBack.lines(), rolledBack.totals(), rolledBack.shippingAddress(), rolledBack.version());
            order.put(OrderDocuments.PAYMENT_STATUS, rolledBack.paymentStatus().name());
            if (payment != null) {
                restoreFirstPayment(payment);
            }
            editStatus(order, event.editId(), ROLLED_BACK);
        }
    }

    /**
     * The order was cancelled: an edit still awaiting its balance ends {@code CANCELLED} (the balance is no longer
     * owed, its payment is voided), the payment shows the first payment and its status before the balance again.
     */
    static void cancelled(Document order) {
        for (Document edit : order.getList(EDITS, Document.class, List.of())) {
            if (AWAITING_BALANCE.equals(edit.getString("status"))) {
                edit.put("status", CANCELLED);
                String before = edit.getString(PAYMENT_STATUS_BEFORE);
                if (before != null
                        && PaymentStatus.PARTIALLY_PAID.name().equals(order.getString(OrderDocuments.PAYMENT_STATUS))) {
                    order.put(OrderDocuments.PAYMENT_STATUS, before);
                }
                Document payment = order.get(OrderDocuments.PAYMENT, Document.class);
                if (payment != null) {
                    restoreFirstPayment(payment);
                }
            }
        }
    }

    private static void restoreFirstPayment(Document payment) {
        payment.put("action", null);
        if (payment.containsKey(FIRST_REFERENCE)) {
            payment.put("reference", payment.getString(FIRST_REFERENCE));
            payment.remove(FIRST_REFERENCE);
        }
    }

    private static void replaceContents(
            Document order,
            List<OrderLine> lines,
            io.orderengine.messages.order.OrderTotals totals,
            io.orderengine.messages.common.Address shippingAddress,
            int version) {
        int itemCount = 0;
        for (OrderLine line : lines) {
            itemCount += line.quantity();
        }
        order.put(OrderDocuments.LINES, encodeLines(lines));
        order.put(OrderDocuments.ITEM_COUNT, itemCount);
        order.put(OrderDocuments.TOTALS, encode(totals));
        order.put(OrderDocuments.SHIPPING_ADDRESS, encode(shippingAddress));
        order.put(OrderDocuments.CUSTOMER_NAME, shippingAddress.fullName());
        order.put(VERSION, version);
    }

    private static void editStatus(Document order, String editId, String status) {
        for (Document edit : order.getList(EDITS, Document.class, List.of())) {
            if (editId.equals(edit.getString("editId"))) {
                edit.put("status", status);
            }
        }
    }

    /** A refund of an edit (its refund id is {@code rf-} and the edit id) settles the edit. */
    static void refunded(Document order, PaymentRefundedEvent event) {
        if (event.refundId() == null || !event.refundId().startsWith("rf-ed-")) {
            return;
        }
        String editId = event.refundId().substring("rf-".length());
        for (Document edit : order.getList(EDITS, Document.class, List.of())) {
            if (editId.equals(edit.getString("editId"))) {
                edit.put("status", SETTLED);
            }
        }
    }

    static int version(Document order) {
        return order.getInteger(VERSION, 1);
    }

    static List<OrderView.Edit> edits(Document order) {
        List<OrderView.Edit> edits = new ArrayList<>();
        for (Document edit : order.getList(EDITS, Document.class, List.of())) {
            List<OrderView.EditChange> changes = new ArrayList<>();
            for (Document change : edit.getList("changes", Document.class, List.of())) {
                Document address = change.get("address", Document.class);
                changes.add(new OrderView.EditChange(
                        change.getString("type"),
                        change.getString("sku"),
                        change.getInteger("quantity"),
                        address == null ? null : OrderDocuments.toAddress(decodeAddress(address))));
            }
            Document actor = edit.get("actor", Document.class);
            edits.add(new OrderView.Edit(
                    edit.getString("editId"),
                    edit.getInteger(VERSION, 0),
                    toInstant(edit.getDate("at")),
                    actor == null ? null : new OrderView.ActorRef(actor.getString("type"), actor.getString("id")),
                    edit.getString("note"),
                    changes,
                    edit.get("balanceMinor", Number.class).longValue(),
                    edit.getString("status")));
        }
        return edits;
    }
}
