package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stock could not be reserved: the order ends {@code REJECTED}. Sent by the checkout saga; a no-op when already rejected. */
public record RejectOrderCommand(@TargetAggregateIdentifier OrderId orderId, List<ShortSku> shortSkus) {
    public RejectOrderCommand {
        shortSkus = shortSkus == null ? List.of() : List.copyOf(shortSkus);
    }
}
