package io.orderengine.query.order;

import static io.orderengine.infrastructure.codec.OrderDocuments.decodeAddress;
import static io.orderengine.infrastructure.codec.OrderDocuments.encode;
import static io.orderengine.infrastructure.codec.OrderDocuments.encodeLines;
import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.common.MongoValues.toInstant;

import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.PaymentRefundedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * The order detail's side of order edits: an edit replaces the lines, totals and shipping address, raises the
 * {@code version} and appends to {@code edits}; an edit whose lower total is refunded is {@code REFUND_PENDING}
 * until the refund is recorded, then {@code SETTLED} like every other edit.
 */
final class OrderEditDocuments {

    static final String VERSION = "version";
    static final String EDITS = "edits";
    static final String SETTLED = "SETTLED";
    static final String REFUND_PENDING = "REFUND_PENDING";

    private OrderEditDocuments() {}

    static void edited(Document order, OrderEditedEvent event, Instant at) {
        int itemCount = 0;
        for (OrderLine line : event.lines()) {
            itemCount += line.quantity();
        }
        order.put(OrderDocuments.LINES, encodeLines(event.lines()));
        order.put(OrderDocuments.ITEM_COUNT, itemCount);
        order.put(OrderDocuments.TOTALS, encode(event.totals()));
        order.put(OrderDocuments.SHIPPING_ADDRESS, encode(event.shippingAddress()));
        order.put(OrderDocuments.CUSTOMER_NAME, event.shippingAddress().fullName());
        order.put(VERSION, event.version());
        List<Document> changes = new ArrayList<>();
        for (OrderEditChange change : event.changes()) {
            changes.add(new Document("type", change.type().name().toLowerCase(Locale.ROOT))
                    .append("sku", change.sku() == null ? null : change.sku().value())
                    .append("quantity", change.quantity())
                    .append("address", change.address() == null ? null : encode(change.address())));
        }
        boolean refund = event.paid() && event.balance().isNegative();
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
