package io.orderengine.command.order;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;
import java.util.Locale;

/**
 * The order cannot make the requested move from where it is; the message names the current status
 * ("order is SHIPPED; cannot move to CANCELLED"). A conflict with the order's state, not bad input.
 */
public class IllegalOrderTransitionException extends DomainRejection {

    private final OrderStatus current;
    private final OrderStatus target;

    public IllegalOrderTransitionException(OrderStatus current, OrderStatus target) {
        this(current, target, "order is " + current + "; cannot move to " + target);
    }

    private IllegalOrderTransitionException(OrderStatus current, OrderStatus target, String message) {
        super(RejectionKind.CONFLICT, "illegal-transition", message);
        this.current = current;
        this.target = target;
    }

    /** The move is in the table but not open to this kind of actor in the current status. */
    static IllegalOrderTransitionException notFor(Actor actor, OrderStatus current, OrderStatus target) {
        return new IllegalOrderTransitionException(
                current,
                target,
                "order is " + current + "; " + actor.type().name().toLowerCase(Locale.ROOT) + " cannot move it to "
                        + target);
    }

    /** Resume was asked of an order that is not waiting for a human. */
    static IllegalOrderTransitionException notInAttention(OrderStatus current) {
        return new IllegalOrderTransitionException(
                current, null, "order is " + current + "; only an order in ATTENTION can be resumed");
    }

    public OrderStatus current() {
        return current;
    }

    /** The status asked for; null when resuming (the target is whatever the order had before ATTENTION). */
    public OrderStatus target() {
        return target;
    }
}
