package io.orderengine.command.order;

import static io.orderengine.messages.order.OrderStatus.ATTENTION;
import static io.orderengine.messages.order.OrderStatus.AWAITING_PAYMENT;
import static io.orderengine.messages.order.OrderStatus.CANCELLED;
import static io.orderengine.messages.order.OrderStatus.CONFIRMED;
import static io.orderengine.messages.order.OrderStatus.DELIVERED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_RETURNED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_SHIPPED;
import static io.orderengine.messages.order.OrderStatus.PENDING;
import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.messages.order.OrderStatus.REJECTED;
import static io.orderengine.messages.order.OrderStatus.RETURNED;
import static io.orderengine.messages.order.OrderStatus.SHIPPED;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine.
 * <pre>
 * PENDING          → AWAITING_PAYMENT, REJECTED, CANCELLED, ATTENTION
 * AWAITING_PAYMENT → CONFIRMED, CANCELLED, ATTENTION
 * CONFIRMED        → PROCESSING, CANCELLED, ATTENTION
 * PROCESSING       → PARTIALLY_SHIPPED, SHIPPED, CANCELLED, ATTENTION
 * PARTIALLY_SHIPPED → SHIPPED, ATTENTION (further shipments keep it PARTIALLY_SHIPPED until the last unit ships)
 * SHIPPED          → DELIVERED, PARTIALLY_RETURNED, RETURNED, ATTENTION
 * DELIVERED        → PARTIALLY_RETURNED, RETURNED
 * PARTIALLY_RETURNED → RETURNED, ATTENTION (further returns keep it PARTIALLY_RETURNED until the last unit is back)
 * REJECTED, CANCELLED, RETURNED → nothing
 * ATTENTION        → back to the status it came from (resume), or wherever that status could go
 * </pre>
 * Cancelling is further limited by who asks: an owner (customer or guest) while PENDING, AWAITING_PAYMENT or
 * CONFIRMED; an admin until the order is shipped (PENDING to PROCESSING, or ATTENTION); the engine while PENDING,
 * AWAITING_PAYMENT or ATTENTION.
 */
public final class OrderTransitions {

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = new EnumMap<>(OrderStatus.class);
    private static final Map<Actor.Type, Set<OrderStatus>> CANCELLABLE_BY = new EnumMap<>(Actor.Type.class);

    static {
        NEXT.put(PENDING, EnumSet.of(AWAITING_PAYMENT, REJECTED, CANCELLED, ATTENTION));
        NEXT.put(AWAITING_PAYMENT, EnumSet.of(CONFIRMED, CANCELLED, ATTENTION));
        NEXT.put(CONFIRMED, EnumSet.of(PROCESSING, CANCELLED, ATTENTION));
        NEXT.put(PROCESSING, EnumSet.of(PARTIALLY_SHIPPED, SHIPPED, CANCELLED, ATTENTION));
        NEXT.put(PARTIALLY_SHIPPED, EnumSet.of(SHIPPED, ATTENTION));
        NEXT.put(SHIPPED, EnumSet.of(DELIVERED, PARTIALLY_RETURNED, RETURNED, ATTENTION));
        NEXT.put(DELIVERED, EnumSet.of(PARTIALLY_RETURNED, RETURNED));
        NEXT.put(PARTIALLY_RETURNED, EnumSet.of(RETURNED, ATTENTION));
        NEXT.put(REJECTED, EnumSet.noneOf(OrderStatus.class));
        NEXT.put(CANCELLED, EnumSet.noneOf(OrderStatus.class));
        NEXT.put(RETURNED, EnumSet.noneOf(OrderStatus.class));

        CANCELLABLE_BY.put(Actor.Type.CUSTOMER, EnumSet.of(PENDING, AWAITING_PAYMENT, CONFIRMED));
        CANCELLABLE_BY.put(Actor.Type.GUEST, EnumSet.of(PENDING, AWAITING_PAYMENT, CONFIRMED));
        CANCELLABLE_BY.put(Actor.Type.ADMIN, EnumSet.of(PENDING, AWAITING_PAYMENT, CONFIRMED, PROCESSING, ATTENTION));
        CANCELLABLE_BY.put(Actor.Type.SYSTEM, EnumSet.of(PENDING, AWAITING_PAYMENT, ATTENTION));
    }

    private OrderTransitions() {}

    /**
     * Where an order in {@code current} may move. {@code resumeStatus} is the status before ATTENTION and only
     * matters in ATTENTION: the order may go wherever that status could (except into ATTENTION again).
     */
    public static Set<OrderStatus> targetsFrom(OrderStatus current, OrderStatus resumeStatus) {
        if (current == ATTENTION) {
            if (resumeStatus == null || resumeStatus == ATTENTION) {
                return Set.of();
            }
            Set<OrderStatus> targets = EnumSet.copyOf(NEXT.get(resumeStatus));
            targets.remove(ATTENTION);
            return Collections.unmodifiableSet(targets);
        }
        return Collections.unmodifiableSet(NEXT.get(current));
    }

    public static boolean allows(OrderStatus current, OrderStatus resumeStatus, OrderStatus target) {
        return targetsFrom(current, resumeStatus).contains(target);
    }

    /** Whether {@code actorType} may cancel an order in {@code current} (ignoring who owns it). */
    public static boolean canCancel(Actor.Type actorType, OrderStatus current, OrderStatus resumeStatus) {
        return allows(current, resumeStatus, CANCELLED)
                && CANCELLABLE_BY.get(actorType).contains(current);
    }

    static void requireAllowed(OrderStatus current, OrderStatus resumeStatus, OrderStatus target) {
        if (!allows(current, resumeStatus, target)) {
            throw new IllegalOrderTransitionException(current, target);
        }
    }

    static void requireCancellable(Actor actor, OrderStatus current, OrderStatus resumeStatus) {
        requireAllowed(current, resumeStatus, CANCELLED);
        if (!CANCELLABLE_BY.get(actor.type()).contains(current)) {
            throw IllegalOrderTransitionException.notFor(actor, current, CANCELLED);
        }
    }
}
