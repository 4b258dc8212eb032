package io.orderengine.messages.discount;

import io.orderengine.messages.common.OrderId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives an order's held use back (the order was cancelled before capture, rejected, or never placed). A no-op when
 * the order holds no use, and when its use is confirmed: a paid order's use is never given back.
 */
public record ReleaseDiscountUseCommand(
        @TargetAggregateIdentifier DiscountId id, OrderId orderId, String reason) {
    public ReleaseDiscountUseCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
    }
}
