package io.orderengine.saga.payment;

import io.orderengine.messages.common.OrderId;

/**
 * Idempotency keys for gateway calls: the order id plus the step, so a step that runs again (redelivery,
 * admin retry, restart) sends the same key and the gateway answers with the first result instead of acting twice.
 * Sent as Stripe's {@code Idempotency-Key} and PayPal's {@code PayPal-Request-Id} (at most 108 characters).
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {}

    public static String authorize(OrderId orderId) {
        return orderId.value() + ":authorize";
    }

    public static String capture(OrderId orderId) {
        return orderId.value() + ":capture";
    }

    public static String cancel(OrderId orderId) {
        return orderId.value() + ":cancel";
    }

    public static String refund(OrderId orderId, String refundId) {
        String key = orderId.value() + ":refund:" + refundId;
        if (key.length() > 108) {
            throw new IllegalArgumentException("refund id too long for an idempotency key: " + refundId);
        }
        return key;
    }

    /** The engine's refund id a refund key was made from, or null when {@code key} is not a refund key. */
    public static String refundIdOf(String key) {
        if (key == null) {
            return null;
        }
        int at = key.indexOf(":refund:");
        return at < 0 ? null : key.substring(at + ":refund:".length());
    }
}
