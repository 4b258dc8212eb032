package io.orderengine.messages.order;

/** Where the order's money is: nothing yet, held at the gateway, captured, failed, or (partly) given back. */
public enum PaymentStatus {
    PENDING,
    AUTHORIZED,
    PAID,
    /** Paid, and an edit raised the total: a balance is owed (since the last edit). */
    PARTIALLY_PAID,
    FAILED,
    PARTIALLY_REFUNDED,
    REFUNDED
}
