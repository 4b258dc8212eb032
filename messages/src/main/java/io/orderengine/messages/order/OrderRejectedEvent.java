package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The order could not be filled: {@code shortSkus} names what was missing. */
@Revision("1")
public record OrderRejectedEvent(OrderId orderId, OrderStatus from, List<ShortSku> shortSkus, Actor actor, String note)
        implements OrderStatusChange {
    @Override
    public OrderStatus to() {
        return OrderStatus.REJECTED;
    }
}
