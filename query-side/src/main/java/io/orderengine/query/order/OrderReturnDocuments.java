package io.orderengine.query.order;

import io.orderengine.messages.order.ReceivedLine;
import io.orderengine.messages.order.ReturnChange;
import io.orderengine.messages.order.ReturnLine;
import io.orderengine.messages.order.ReturnReceivedEvent;
import io.orderengine.messages.order.ReturnRefundedEvent;
import io.orderengine.messages.order.ReturnRejectedEvent;
import io.orderengine.messages.order.ReturnRequestedEvent;
import io.orderengine.messages.order.ReturnStatus;
import io.orderengine.messages.privacy.PersonalData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The {@code returns} of an order document: one entry per return ({@code returnId}, {@code status}, {@code lines},
 * {@code refundMinor}, {@code requestedAt}, {@code receivedAt}). Before the return is received its lines are the ones
 * asked for ({@code restock} null); once received they are the units that arrived, each with the reason given for
 * its SKU and whether it was restocked.
 */
final class OrderReturnDocuments {

    static final String RETURNS = "returns";

    private OrderReturnDocuments() {}

    /**
     * Replaces the reasons the order's owner wrote on return lines by {@link PersonalData#ERASED} (their subject was
     * erased); reasons of returns an admin requested stay, as the events keep them in clear.
     */
    static void erasePersonalData(Document order) {
        for (Document r : order.getList(RETURNS, Document.class, List.of())) {
            if (Boolean.FALSE.equals(r.getBoolean("ownersWords"))) {
                continue; // an admin's request (documents from before the flag are erased to be safe)
            }
            for (Document line : r.getList("lines", Document.class, List.of())) {
                if (line.get("reason") != null) {
                    line.put("reason", PersonalData.ERASED);
                }
            }
        }
    }

    /** Applies {@code event} (at {@code at}) to the order document. */
    static void apply(Document order, ReturnChange event, Instant at) {
        List<Document> returns = new ArrayList<>(order.getList(RETURNS, Document.class, List.of()));
        if (event instanceof ReturnRequestedEvent requested) {
            returns.removeIf(r -> requested.returnId().equals(r.getString("returnId")));
            returns.add(new Document("returnId", requested.returnId())
                    .append("status", ReturnStatus.REQUESTED.name())
                    .append(
                            "lines",
                            requested.lines().stream()
                                    .map(OrderReturnDocuments::line)
                                    .toList())
                    .append("refundMinor", 0L)
                    .append("ownersWords", requested.customer() != null)
                    .append("requestedAt", Date.from(at))
                    .append("receivedAt", null));
        }
        for (Document r : returns) {
            if (!event.returnId().equals(r.getString("returnId"))) {
                continue;
            }
            if (event instanceof ReturnReceivedEvent received) {
                Map<String, String> reasons = new HashMap<>();
                r.getList("lines", Document.class, List.of())
                        .forEach(line -> reasons.putIfAbsent(line.getString("sku"), line.getString("reason")));
                r.put("status", ReturnStatus.RECEIVED.name());
                r.put(
                        "lines",
                        received.lines().stream()
                                .map(line -> line(line, reasons.get(line.sku().value())))
                                .toList());
                r.put("refundMinor", received.refund().amountMinor());
                r.put("receivedAt", Date.from(at));
            } else if (event instanceof ReturnRejectedEvent rejected) {
                r.put("status", ReturnStatus.REJECTED.name());
                r.put("rejectionReason", rejected.reason());
            } else if (event instanceof ReturnRefundedEvent) {
                r.put("status", ReturnStatus.REFUNDED.name());
            }
        }
        order.put(RETURNS, returns);
    }

    static OrderView.Return toReturn(Document r) {
        Date received = r.getDate("receivedAt");
        Number refund = (Number) r.get("refundMinor");
        return new OrderView.Return(
                r.getString("returnId"),
                r.getString("status"),
                r.getList("lines", Document.class, List.of()).stream()
                        .map(line -> new OrderView.ReturnLine(
                                line.getString("sku"),
                                ((Number) line.get("quantity")).intValue(),
                                line.getString("reason"),
                                line.getBoolean("restock")))
                        .toList(),
                refund == null ? 0 : refund.longValue(),
                r.getDate("requestedAt").toInstant(),
                received == null ? null : received.toInstant());
    }

    private static Document line(ReturnLine line) {
        return new Document("sku", line.sku().value())
                .append("quantity", line.quantity())
                .append("reason", line.reason())
                .append("restock", null);
    }

    private static Document line(ReceivedLine line, String reason) {
        return new Document("sku", line.sku().value())
                .append("quantity", line.quantity())
                .append("reason", reason)
                .append("restock", line.restock());
    }
}
