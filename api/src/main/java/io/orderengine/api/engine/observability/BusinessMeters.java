package io.orderengine.api.engine.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.RefundRequestedEvent;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The business meters, counted from the event stream by a processor of their own ({@link #PROCESSING_GROUP}): every
 * fact is an event, so one place sees them all whichever instance or saga caused them, and the processor's token makes
 * each event count once. It starts at the head (a new deployment counts from then on), is never replayed
 * ({@link DisallowReplay}), and goes on from its stored token after a restart, so a restart or a rebuild of the read
 * models never counts an event again; a meter is moved only once its unit of work committed, so a batch handled again
 * after an error does not count twice. With several instances each counts the events of the segment it holds: sum the
 * series over instances. Counters start at zero in each process, as Prometheus expects ({@code increase()},
 * {@code rate()}).
 */
@Component
@ProcessingGroup(BusinessMeters.PROCESSING_GROUP)
@DisallowReplay
public class BusinessMeters {

    public static final String PROCESSING_GROUP = "business-meters";

    private final MeterRegistry registry;
    private final OrderTrails trails;

    public BusinessMeters(MeterRegistry registry, OrderTrails trails) {
        this.registry = registry;
        this.trails = trails;
    }

    @EventHandler
    void on(OrderPlacedEvent event, EventMessage<?> message) {
        trails.of(event.orderId(), message).advance(event, message.getTimestamp());
        count("orderengine.orders.placed", "method", method(event.paymentMethod()));
    }

    @EventHandler
    void on(OrderAwaitingPaymentEvent event, EventMessage<?> message) {
        OrderTrails.Trail trail = trails.of(event.orderId(), message);
        if (trail.awaitingSince == null && trail.placedAt != null) {
            step("stock-and-payment-setup", trail.placedAt, message.getTimestamp());
        }
        trail.advance(event, message.getTimestamp());
    }

    @EventHandler
    void on(PaymentAttemptStartedEvent event, EventMessage<?> message) {
        trails.of(event.orderId(), message).advance(event, message.getTimestamp());
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, EventMessage<?> message) {
        OrderTrails.Trail trail = trails.of(event.orderId(), message);
        if (trail.awaitingSince != null) {
            step("customer-payment", trail.awaitingSince, message.getTimestamp());
        }
        trail.advance(event, message.getTimestamp());
        count("orderengine.payments.authorized", "provider", method(event.provider()));
    }

    @EventHandler
    void on(PaymentFailedEvent event, EventMessage<?> message) {
        OrderTrails.Trail trail = trails.of(event.orderId(), message);
        if (trail.awaitingSince != null && trail.authorizedAt == null) {
            step("customer-payment", trail.awaitingSince, message.getTimestamp());
        }
        trail.advance(event, message.getTimestamp());
        count(
                "orderengine.payments.failed",
                "provider",
                method(trail.method),
                "reason",
                FailureReason.classify(event.reason()));
    }

    @EventHandler
    void on(OrderConfirmedEvent event, EventMessage<?> message) {
        OrderTrails.Trail trail = trails.of(event.orderId(), message);
        Instant at = message.getTimestamp();
        if (trail.authorizedAt != null) {
            step("capture", trail.authorizedAt, at);
        }
        if (trail.placedAt != null && !at.isBefore(trail.placedAt)) {
            Duration toConfirmed = Duration.between(trail.placedAt, at);
            afterCommit(() -> Timer.builder("orderengine.checkout.to.confirmed")
                    .description("time from an order placed to its payment captured")
                    .tag("method", method(event.provider()))
                    .register(registry)
                    .record(toConfirmed));
        }
        trail.advance(event, at);
        count("orderengine.payments.captured", "provider", method(event.provider()));
        add("orderengine.payments.captured.minor", event.captured());
        count("orderengine.orders.confirmed", "method", method(event.provider()));
    }

    /** The balance of an order edit was captured: a payment captured, its money captured revenue. */
    @EventHandler
    void on(EditBalancePaidEvent event, EventMessage<?> message) {
        count("orderengine.payments.captured", "provider", method(trails.of(event.orderId(), message).method));
        add("orderengine.payments.captured.minor", event.amount());
    }

    @EventHandler
    void on(OrderCancelledEvent event, EventMessage<?> message) {
        count("orderengine.orders.cancelled", "method", method(trails.of(event.orderId(), message).method));
    }

    @EventHandler
    void on(OrderRejectedEvent event, EventMessage<?> message) {
        OrderTrails.Trail trail = trails.of(event.orderId(), message);
        if (trail.placedAt != null && trail.awaitingSince == null) {
            step("stock-rejected", trail.placedAt, message.getTimestamp());
        }
        count("orderengine.orders.rejected", "method", method(trail.method));
    }

    @EventHandler
    void on(RefundRequestedEvent event, EventMessage<?> message) {
        trails.of(event.orderId(), message).advance(event, message.getTimestamp());
    }

    @EventHandler
    void on(PaymentRefundedEvent event, EventMessage<?> message) {
        OrderTrails.Trail trail = trails.of(event.orderId(), message);
        if (trail.refundRequestedAt != null) {
            step("refund", trail.refundRequestedAt, message.getTimestamp());
        }
        trail.advance(event, message.getTimestamp());
        count("orderengine.payments.refunded", "provider", method(trail.method));
        add("orderengine.payments.refunded.minor", event.amount());
    }

    private void step(String step, Instant from, Instant to) {
        Duration duration = Duration.between(from, to);
        if (duration.isNegative()) {
            return;
        }
        afterCommit(() -> Timer.builder("orderengine.checkout.step.duration")
                .description("time a checkout step took, between the order events that open and close it")
                .tag("step", step)
                .register(registry)
                .record(duration));
    }

    private void count(String name, String... tags) {
        afterCommit(() -> Counter.builder(name).tags(tags).register(registry).increment());
    }

    /** Adds money to a counter of minor units per currency (captured − refunded is the revenue). */
    private void add(String name, Money amount) {
        if (amount != null && amount.amountMinor() > 0) {
            afterCommit(() -> Counter.builder(name)
                    .description("money in minor units of the currency")
                    .tag("currency", amount.currency())
                    .register(registry)
                    .increment(amount.amountMinor()));
        }
    }

    private static String method(PaymentMethod method) {
        return method == null ? "unknown" : method.wireName();
    }

    private static void afterCommit(Runnable move) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> move.run());
        } else {
            move.run();
        }
    }
}
