package io.orderengine.saga.payment;

import io.orderengine.messages.common.OrderId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Idempotency keys for gateway calls: the order id plus the step, so a step that runs again (redelivery,
 * admin retry, restart) sends the same key and the gateway answers with the first result instead of acting twice.
 * Every payment attempt after the first has keys of its own: its number follows the step ({@code <orderId>:authorize:2});
 * the first attempt keeps the keys without a number, which payments made before attempts were counted carry. The
 * payment set up for the new total of an unpaid order's edit names the edit ({@code <orderId>:authorize:for-<editId>}).
 * Sent as Stripe's {@code Idempotency-Key} and PayPal's {@code PayPal-Request-Id} (at most 108 characters).
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {}

    public static String authorize(OrderId orderId) {
        return authorize(orderId, 1);
    }

    public static String authorize(OrderId orderId, int attempt) {
        return authorize(orderId, attempt, null);
    }

    /** The key of the payment of {@code attempt} for the total edit {@code editId} made (null: the placed total). */
    public static String authorize(OrderId orderId, int attempt, String editId) {
        return step(orderId, "authorize", attempt, editId);
    }

    public static String capture(OrderId orderId) {
        return capture(orderId, 1);
    }

    public static String capture(OrderId orderId, int attempt) {
        return capture(orderId, attempt, null);
    }

    public static String capture(OrderId orderId, int attempt, String editId) {
        return step(orderId, "capture", attempt, editId);
    }

    public static String cancel(OrderId orderId) {
        return cancel(orderId, 1);
    }

    public static String cancel(OrderId orderId, int attempt) {
        return cancel(orderId, attempt, null);
    }

    public static String cancel(OrderId orderId, int attempt, String editId) {
        return step(orderId, "cancel", attempt, editId);
    }

    /**
     * The key of the cancellation of a payment an edit replaced, asked again because the customer authorized it
     * after all: {@code <orderId>:cancel:via-<10 hex of the payment reference's SHA-256>}, a key of its own, so the
     * gateway does not answer with the result of the cancellation asked when the edit was made.
     */
    public static String cancelReplaced(OrderId orderId, String paymentReference) {
        return orderId.value() + ":cancel" + VIA + paymentTag(paymentReference);
    }

    /**
     * {@code <orderId>:<step>}, then {@code :<attempt>} after the first attempt, then {@code :for-<editId>} for the
     * payment of the total an edit of the unpaid order made.
     */
    private static String step(OrderId orderId, String step, int attempt, String editId) {
        String key = orderId.value() + ":" + step + suffix(attempt) + (editId == null ? "" : ":for-" + editId);
        if (editId != null
                && key.length() > 100) { // PayPal adds ":authorize" to a capture's key, within its 108 characters
            throw new IllegalArgumentException("edit id too long for an idempotency key: " + editId);
        }
        return key;
    }

    private static String suffix(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("payment attempts count from 1, got " + attempt);
        }
        return attempt == 1 ? "" : ":" + attempt;
    }

    /**
     * The key of one step ({@code authorize}, {@code capture}, {@code cancel}) of the balance payment of an order
     * edit: {@code <orderId>:balance:<editId>:<step>}, so the gateway's key names the edit.
     */
    public static String balance(OrderId orderId, String editId, String step) {
        String key = orderId.value() + ":balance:" + editId + ":" + step;
        if (key.length() > 108) {
            throw new IllegalArgumentException("edit id too long for an idempotency key: " + editId);
        }
        return key;
    }

    public static String refund(OrderId orderId, String refundId) {
        String key = orderId.value() + ":refund:" + refundId;
        if (key.length() > 108) {
            throw new IllegalArgumentException("refund id too long for an idempotency key: " + refundId);
        }
        return key;
    }

    /**
     * The key of the part of refund {@code refundId} taken from another payment of the order than its first (an edit's
     * balance payment): {@code <orderId>:refund:<refundId>:via-<10 hex of the payment reference's SHA-256>}, so each
     * payment a refund is split across has a key of its own that names it (the reference itself may be too long).
     */
    public static String refund(OrderId orderId, String refundId, String paymentReference) {
        String key = refund(orderId, refundId) + VIA + paymentTag(paymentReference);
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
        if (at < 0) {
            return null;
        }
        String refundId = key.substring(at + ":refund:".length());
        int via = refundId.lastIndexOf(VIA);
        return via < 0 ? refundId : refundId.substring(0, via);
    }

    private static final String VIA = ":via-";

    private static String paymentTag(String paymentReference) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(paymentReference.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
