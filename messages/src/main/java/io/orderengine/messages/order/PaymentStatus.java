package io.orderengine.messages.order;

/** Where the order's money is: nothing yet, held at the gateway, captured, failed, or (partly) given back. */
public enum PaymentStatus {
    PENDING,
    AUTHORIZED,
    PAID,
    FAILED,
    PARTIALLY_REFUNDED,
    REFUNDED
}
