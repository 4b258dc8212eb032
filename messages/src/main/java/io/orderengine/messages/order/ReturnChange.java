package io.orderengine.messages.order;

import io.orderengine.messages.common.OrderId;

/**
 * An event in the life of one return of an order (requested, received, rejected, refunded), so that a read model can
 * follow returns with one handler.
 */
public interface ReturnChange {
    OrderId orderId();

    String returnId();
}
