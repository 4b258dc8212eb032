package io.orderengine.command.order;

import io.orderengine.messages.order.OrderStatus;

/** Fulfilment moves an order only to PROCESSING, SHIPPED, DELIVERED or RETURNED; any other target is bad input. */
public class UnsupportedFulfilmentTargetException extends IllegalArgumentException {

    private final OrderStatus target;

    public UnsupportedFulfilmentTargetException(OrderStatus target) {
        super("fulfilment cannot move an order to " + target + "; use PROCESSING, SHIPPED, DELIVERED or RETURNED");
        this.target = target;
    }

    public OrderStatus target() {
        return target;
    }
}
