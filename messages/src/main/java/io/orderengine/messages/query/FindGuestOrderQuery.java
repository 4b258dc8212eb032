package io.orderengine.messages.query;

import io.orderengine.messages.common.OrderId;
import java.util.Objects;

/**
 * The order detail read model of a guest order, answered only when {@code guestTokenHash} (SHA-256 hex of the token a
 * guest presented) matches the hash stored with it: one read where {@link FindOrderQuery} followed by
 * {@link VerifyGuestTokenQuery} takes two. Empty for unknown orders, orders of signed-in customers and a wrong token.
 */
public record FindGuestOrderQuery(OrderId orderId, String guestTokenHash) {
    public FindGuestOrderQuery {
        Objects.requireNonNull(orderId, "order id");
        Objects.requireNonNull(guestTokenHash, "guest token hash");
    }
}
