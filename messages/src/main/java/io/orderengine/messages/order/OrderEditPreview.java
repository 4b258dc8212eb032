package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;

/**
 * What an order edit does: the order's version after it, the totals before and after, the balance (after − before:
 * positive is owed by the customer, negative is refunded when the order was paid), every SKU touched or kept with its
 * quantities, and the shipping address after. {@code stockSold} says whether the order's stock is already committed
 * (it was paid), so units given back are restocked on hand rather than released.
 */
public record OrderEditPreview(
        OrderId orderId,
        int version,
        OrderTotals before,
        OrderTotals after,
        Money balance,
        List<EditedLine> lines,
        Address shippingAddress,
        boolean stockSold) {
    public OrderEditPreview {
        lines = List.copyOf(lines);
    }
}
