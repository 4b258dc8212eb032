package io.orderengine.command.order;

import static io.orderengine.messages.order.OrderStatus.DELIVERED;
import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.messages.order.OrderStatus.RETURNED;
import static io.orderengine.messages.order.OrderStatus.SHIPPED;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderProcessingStartedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import java.util.List;

/**
 * The fulfilment steps of an {@link Order}: the statuses an admin may move a paid order to (PROCESSING, SHIPPED,
 * DELIVERED, RETURNED) and the event each step records. SHIPPED ships everything left in one shipment and DELIVERED
 * delivers every shipment (see {@link Fulfilment}).
 */
final class FulfilmentSteps {

    private FulfilmentSteps() {}

    static void requireFulfilmentTarget(OrderStatus target) {
        if (target != PROCESSING && target != SHIPPED && target != DELIVERED && target != RETURNED) {
            throw new UnsupportedFulfilmentTargetException(target);
        }
    }

    /**
     * The events of the step to {@code command.target()} from {@code from} (a target already checked); {@code
     * fulfilment} is null for orders stored before shipments were tracked, which move without shipments.
     */
    static List<Object> events(
            OrderId orderId, OrderStatus from, Fulfilment fulfilment, ChangeFulfilmentStatusCommand command) {
        if (fulfilment != null && command.target() == SHIPPED) {
            return fulfilment.shipEverythingLeft(orderId, from, command);
        }
        if (fulfilment != null && command.target() == DELIVERED) {
            return fulfilment.deliverEverything(orderId, from, command);
        }
        return List.of(event(orderId, from, command));
    }

    /** The status event of the step to {@code command.target()} from {@code from} (a target already checked). */
    static Object event(OrderId orderId, OrderStatus from, ChangeFulfilmentStatusCommand command) {
        Actor actor = command.actor();
        return switch (command.target()) {
            case PROCESSING -> new OrderProcessingStartedEvent(orderId, from, actor, command.note());
            case SHIPPED ->
                new OrderShippedEvent(
                        orderId, from, command.trackingNumber(), command.estimatedDelivery(), actor, command.note());
            case DELIVERED -> new OrderDeliveredEvent(orderId, from, actor, command.note());
            default -> new OrderReturnedEvent(orderId, from, actor, command.note());
        };
    }
}
