package io.orderengine.command.order;

import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** Fulfilment moves an order only to PROCESSING, SHIPPED, DELIVERED or RETURNED; any other target is bad input. */
public class UnsupportedFulfilmentTargetException extends DomainRejection {

    private final OrderStatus target;

    public UnsupportedFulfilmentTargetException(OrderStatus target) {
        super(
                RejectionKind.INVALID,
                "validation",
                "fulfilment cannot move an order to " + target + "; use PROCESSING, SHIPPED, DELIVERED or RETURNED");
        this.target = target;
    }

    public OrderStatus target() {
        return target;
    }
}
