package io.orderengine.messages.order;

/**
 * Where a return is: {@code REQUESTED} (the customer will send units back), {@code RECEIVED} (the shop has them; the
 * refund is under way), {@code REFUNDED} (the gateway gave the money back) or {@code REJECTED} (nothing moves).
 */
public enum ReturnStatus {
    REQUESTED,
    RECEIVED,
    REFUNDED,
    REJECTED
}
