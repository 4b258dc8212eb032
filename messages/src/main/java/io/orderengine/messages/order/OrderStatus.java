package io.orderengine.messages.order;

/**
 * Where an order is in its life. {@code PENDING} (placed, reserving stock) → {@code AWAITING_PAYMENT} →
 * {@code CONFIRMED} (paid) → {@code PROCESSING} → ({@code PARTIALLY_SHIPPED} while some units wait) →
 * {@code SHIPPED} → {@code DELIVERED} → ({@code PARTIALLY_RETURNED} while some units came back) → {@code RETURNED};
 * side exits
 * {@code REJECTED} (out of stock), {@code CANCELLED} and {@code ATTENTION} (needs a human).
 */
public enum OrderStatus {
    PENDING,
    AWAITING_PAYMENT,
    CONFIRMED,
    PROCESSING,
    PARTIALLY_SHIPPED,
    SHIPPED,
    DELIVERED,
    PARTIALLY_RETURNED,
    REJECTED,
    CANCELLED,
    RETURNED,
    ATTENTION;

    /** No further status change will happen (refunds may still). */
    public boolean isFinal() {
        return this == REJECTED || this == CANCELLED || this == RETURNED || this == DELIVERED;
    }

    /** The checkout is done with this order: final, or paid and in fulfilment, or waiting for a human. */
    public boolean endsCheckout() {
        return isFinal()
                || this == CONFIRMED
                || this == PROCESSING
                || this == PARTIALLY_SHIPPED
                || this == SHIPPED
                || this == PARTIALLY_RETURNED
                || this == ATTENTION;
    }
}
