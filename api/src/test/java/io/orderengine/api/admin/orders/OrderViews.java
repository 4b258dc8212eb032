package io.orderengine.api.admin.orders;

import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.query.order.OrderView;
import java.time.Instant;
import java.util.List;

/** Order views for controller slices. */
final class OrderViews {

    private OrderViews() {}

    static OrderView paidOrder(String orderId) {
        return new OrderView(
                orderId,
                "ORD-20261122-000001",
                OrderStatus.CONFIRMED,
                PaymentStatus.PAID,
                "sandbox",
                new OrderView.Customer("alice", "alice@example.com", false),
                List.of(),
                new OrderView.Totals(2500, 0, 500, 540, 3540, "EUR", 1800),
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                null,
                Instant.parse("2026-11-22T05:00:00Z"),
                Instant.parse("2026-11-22T05:01:00Z"));
    }
}
