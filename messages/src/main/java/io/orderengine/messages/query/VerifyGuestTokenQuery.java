package io.orderengine.messages.query;

import io.orderengine.messages.common.OrderId;
import java.util.Objects;

/**
 * Does {@code guestTokenHash} (SHA-256 hex of the token a guest presented) match the hash stored for the guest order?
 * Answered with a {@code Boolean}: false for unknown orders and for orders of signed-in customers.
 */
public record VerifyGuestTokenQuery(OrderId orderId, String guestTokenHash) {
    public VerifyGuestTokenQuery {
        Objects.requireNonNull(orderId, "order id");
        Objects.requireNonNull(guestTokenHash, "guest token hash");
    }
}
