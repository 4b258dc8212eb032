package io.orderengine.query.order;

import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import java.time.Instant;

/**
 * One row of an order list (a customer's history or the admin's order list).
 * {@code customerName} is the full name on the shipping address; {@code itemCount} sums the lines' quantities;
 * {@code totalMinor} is in minor units of {@code currency}.
 */
public record OrderSummaryView(
        String orderId,
        String orderNumber,
        OrderStatus status,
        PaymentStatus paymentStatus,
        String customerId,
        String customerEmail,
        String customerName,
        int itemCount,
        long totalMinor,
        String currency,
        Instant placedAt,
        Instant updatedAt) {}
