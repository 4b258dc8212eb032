package io.orderengine.command.order;

import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.command.pricing.Quote;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out what the changes of an order edit make of an order: its lines, address and totals after. Lines already on
 * the order keep their snapshot price; an added SKU is priced from {@code catalogue} (the SKU now). The totals are
 * the pricing policy's for the new lines and destination, with the order's discount code.
 */
final class OrderEditPlan {

    /** Units of one SKU an order may hold, as at checkout. */
    static final int MAX_UNITS_PER_SKU = 1000;

    private OrderEditPlan() {}

    /** The edit worked out, and the lines the order has after it. */
    record Result(OrderEditPreview preview, List<OrderLine> lines) {}

    static Result plan(
            OrderId orderId,
            List<OrderLine> lines,
            Address address,
            OrderTotals totals,
            String discountCode,
            int version,
            boolean paid,
            List<OrderEditChange> changes,
            List<OrderLine> catalogue,
            PricingPolicy pricing) {
        Map<String, OrderLine> before = bySku(lines);
        Map<String, OrderLine> after = new LinkedHashMap<>(before);
        Address shipTo = address;
        for (OrderEditChange change : changes) {
            String sku = change.sku() == null ? null : change.sku().value();
            switch (change.type()) {
                case ADD_LINE -> {
                    OrderLine line = after.get(sku);
                    after.put(
                            sku,
                            line == null
                                    ? withQuantity(fromCatalogue(sku, catalogue, totals.currency()), change.quantity())
                                    : withQuantity(line, line.quantity() + change.quantity()));
                }
                case SET_QUANTITY -> {
                    OrderLine line = requireOnOrder(after, sku);
                    if (change.quantity() == 0) {
                        after.remove(sku);
                    } else {
                        after.put(sku, withQuantity(line, change.quantity()));
                    }
                }
                case REMOVE_LINE -> {
                    requireOnOrder(after, sku);
                    after.remove(sku);
                }
                case SET_SHIPPING_ADDRESS -> shipTo = change.address();
            }
        }
        if (after.isEmpty()) {
            throw new InvalidOrderEditException("an order cannot be edited to no lines; cancel it instead");
        }
        for (OrderLine line : after.values()) {
            if (line.quantity() > MAX_UNITS_PER_SKU) {
                throw new InvalidOrderEditException(
                        "quantity of " + line.sku() + " exceeds " + MAX_UNITS_PER_SKU + " units");
            }
        }
        List<OrderLine> newLines = List.copyOf(after.values());
        Quote quote = pricing.quote(newLines, totals.currency(), shipTo.country(), discountCode);
        OrderTotals newTotals = quote.totals();
        List<EditedLine> edited = new ArrayList<>();
        for (OrderLine line : before.values()) {
            OrderLine now = after.get(line.sku().value());
            edited.add(new EditedLine(
                    line.sku(), line.name(), line.unitPrice(), line.quantity(), now == null ? 0 : now.quantity()));
        }
        for (OrderLine line : after.values()) {
            if (!before.containsKey(line.sku().value())) {
                edited.add(new EditedLine(line.sku(), line.name(), line.unitPrice(), 0, line.quantity()));
            }
        }
        OrderEditPreview preview = new OrderEditPreview(
                orderId, version + 1, totals, newTotals, newTotals.total().minus(totals.total()), edited, shipTo, paid);
        return new Result(preview, newLines);
    }

    /** The lines of an edit undone: each SKU from its quantity after back to its quantity before. */
    static List<EditedLine> reversed(List<EditedLine> edited) {
        return edited.stream().map(EditedLine::reversed).toList();
    }

    private static Map<String, OrderLine> bySku(List<OrderLine> lines) {
        Map<String, OrderLine> map = new LinkedHashMap<>();
        lines.forEach(line -> map.put(line.sku().value(), line));
        return map;
    }

    private static OrderLine requireOnOrder(Map<String, OrderLine> lines, String sku) {
        OrderLine line = lines.get(sku);
        if (line == null) {
            throw new InvalidOrderEditException("SKU " + sku + " is not on the order; add_line adds it");
        }
        return line;
    }

    private static OrderLine fromCatalogue(String sku, List<OrderLine> catalogue, String currency) {
        OrderLine line = catalogue.stream()
                .filter(l -> l.sku().value().equals(sku))
                .findFirst()
                .orElseThrow(() -> new InvalidOrderEditException("SKU " + sku + " is not for sale"));
        if (!line.unitPrice().currency().equals(currency)) {
            throw new InvalidOrderEditException(
                    "SKU " + sku + " is priced in " + line.unitPrice().currency() + ", not " + currency);
        }
        return line;
    }

    private static OrderLine withQuantity(OrderLine line, int quantity) {
        return OrderLine.of(line.sku(), line.name(), line.unitPrice(), quantity, line.attributes(), line.imageUrl());
    }
}
