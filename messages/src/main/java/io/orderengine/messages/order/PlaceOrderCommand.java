package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import io.orderengine.messages.discount.DiscountTerms;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places an order. Lines are snapshots taken from the SKUs by the caller (never prices from the client); the aggregate
 * prices them with the pricing policy. {@code orderNumber} was allocated for the day of {@code placedAt}.
 * {@code discount} is the terms of the discount code the order holds a use of (reserved on the code before placing);
 * null when the order has no code, or names a code of the pricing configuration only ({@code discountCode}).
 */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        OrderNumber orderNumber,
        CustomerRef customer,
        List<OrderLine> lines,
        Address shippingAddress,
        Address billingAddress,
        PaymentMethod paymentMethod,
        String currency,
        String discountCode,
        String notes,
        Instant placedAt,
        DiscountTerms discount) {
    public PlaceOrderCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(placedAt, "placedAt");
        if (lines == null || lines.isEmpty()) throw new IllegalArgumentException("an order needs at least one line");
        lines = List.copyOf(lines);
        if (!Money.isIsoCurrency(currency)) throw new IllegalArgumentException("currency must be an ISO 4217 code");
        if (discount != null) discountCode = discount.code();
    }

    /** An order without a reserved discount: {@code discountCode}, if any, is looked up in the pricing policy. */
    public PlaceOrderCommand(
            OrderId orderId,
            OrderNumber orderNumber,
            CustomerRef customer,
            List<OrderLine> lines,
            Address shippingAddress,
            Address billingAddress,
            PaymentMethod paymentMethod,
            String currency,
            String discountCode,
            String notes,
            Instant placedAt) {
        this(
                orderId,
                orderNumber,
                customer,
                lines,
                shippingAddress,
                billingAddress,
                paymentMethod,
                currency,
                discountCode,
                notes,
                placedAt,
                null);
    }
}
