package io.orderengine.saga.payment;

/** Where a payment stands at its gateway. */
public enum GatewayPaymentStatus {
    /** Created; the customer has not authorized it yet. */
    AWAITING_CUSTOMER,
    /** The money is held, not yet taken. */
    AUTHORIZED,
    /** The money was taken (refunds may follow). */
    CAPTURED,
    /** The customer's payment was refused. */
    DECLINED,
    /** Cancelled or voided before it was captured. */
    CANCELLED
}
