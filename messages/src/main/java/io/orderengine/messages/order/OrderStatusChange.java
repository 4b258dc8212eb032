package io.orderengine.messages.order;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;

/**
 * An event that moves an order from one status to another. Every such event carries who did it and why,
 * so the status history is a straight projection of these events.
 */
public interface OrderStatusChange {
    OrderId orderId();

    /** The status before; null only for placement. */
    OrderStatus from();

    OrderStatus to();

    Actor actor();

    /** Free text: reason, admin note; may be null. */
    String note();
}
