package io.orderengine.messages.discount;

import io.orderengine.messages.common.OrderId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order holding a use is paid: the use counts for good. A no-op when confirmed already or never held. */
public record ConfirmDiscountUseCommand(
        @TargetAggregateIdentifier DiscountId id, OrderId orderId) {
    public ConfirmDiscountUseCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
    }
}
