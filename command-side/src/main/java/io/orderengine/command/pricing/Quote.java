package io.orderengine.command.pricing;

import io.orderengine.messages.order.OrderTotals;

/** What an order costs: its totals, and the discount code applied in its canonical spelling (null when none). */
public record Quote(OrderTotals totals, String discountCode) {}
