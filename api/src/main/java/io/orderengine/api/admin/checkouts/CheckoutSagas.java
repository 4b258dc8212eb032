package io.orderengine.api.admin.checkouts;

import io.orderengine.api.admin.checkouts.RunningCheckout.PendingDeadline;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.order.OrderView;
import io.orderengine.saga.console.CheckoutConsole;
import io.orderengine.saga.console.CheckoutSagaSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The checkout sagas as the saga console reads them from the saga store ({@link CheckoutConsole}), joined with their
 * order's read model (status, age).
 *
 * <p>Stuck means a human should look: a checkout that has not been paid and is older than its payment deadline
 * (the deadline should have given it up), a capture whose last-attempt deadline has passed, an order in ATTENTION,
 * a gateway step that failed after its retries, or a deadline the manager parked after failing to deliver it.
 */
@Component
class CheckoutSagas {

    private final CheckoutConsole console;
    private final QueryGateway queries;
    private final Clock clock;

    CheckoutSagas(CheckoutConsole console, QueryGateway queries, Clock clock) {
        this.console = console;
        this.queries = queries;
        this.clock = clock;
    }

    /** Every checkout saga in the store, oldest order first (orders the read model has not seen yet last). */
    List<RunningCheckout> all() {
        Instant now = clock.instant();
        return console.all().stream()
                .map(saga -> describe(saga, now))
                .sorted(Comparator.comparing(RunningCheckout::placedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(RunningCheckout::orderId))
                .toList();
    }

    /** The checkout saga of one order, if it is still in the store. */
    Optional<RunningCheckout> of(OrderId orderId) {
        Instant now = clock.instant();
        return console.of(orderId).map(saga -> describe(saga, now));
    }

    private RunningCheckout describe(CheckoutSagaSnapshot saga, Instant now) {
        OrderView order = queries.query(
                        new FindOrderQuery(new OrderId(saga.orderId())), ResponseTypes.instanceOf(OrderView.class))
                .join();
        Instant placedAt = order == null ? null : order.placedAt();
        OrderStatus orderStatus = order == null ? null : order.status();
        Instant paymentDueAt =
                placedAt != null && saga.beforePayment() ? placedAt.plus(console.paymentDeadline()) : null;
        CheckoutSagaSnapshot.PendingDeadline pending = saga.deadline();
        PendingDeadline deadline = pending == null
                ? null
                : new PendingDeadline(
                        pending.kind(), pending.at(), pending.attempts(), pending.parked(), pending.lastError());

        List<String> stuckBecause = new ArrayList<>();
        if (paymentDueAt != null && now.isAfter(paymentDueAt)) {
            stuckBecause.add("payment-deadline-passed");
        }
        if (saga.capturing() && deadline != null && "capture".equals(deadline.kind()) && now.isAfter(deadline.at())) {
            stuckBecause.add("capture-deadline-passed");
        }
        if (orderStatus == OrderStatus.ATTENTION) {
            stuckBecause.add("order-in-attention");
        }
        if (saga.failedStep() != null) {
            stuckBecause.add("step-failed");
        }
        if (deadline != null && deadline.parked()) {
            stuckBecause.add("deadline-parked");
        }
        return new RunningCheckout(
                saga.sagaId(),
                saga.orderId(),
                saga.orderNumber() != null ? saga.orderNumber() : order == null ? null : order.orderNumber(),
                saga.stage(),
                saga.failedStep(),
                orderStatus == null ? null : orderStatus.name(),
                saga.provider(),
                saga.paymentReference(),
                saga.totalMinor(),
                saga.currency(),
                placedAt,
                placedAt == null
                        ? null
                        : Math.max(0, Duration.between(placedAt, now).toSeconds()),
                paymentDueAt,
                deadline,
                lastError(saga, deadline, order),
                saga.pendingRefunds(),
                !stuckBecause.isEmpty(),
                stuckBecause);
    }

    /** The failed step's error first, then a failing deadline delivery, then why the order was put into ATTENTION. */
    private static String lastError(CheckoutSagaSnapshot saga, PendingDeadline deadline, OrderView order) {
        if (saga.failedStep() != null && saga.failure() != null) {
            return saga.failure();
        }
        if (deadline != null && deadline.lastError() != null) {
            return deadline.lastError();
        }
        if (order != null && order.status() == OrderStatus.ATTENTION) {
            for (int i = order.statusHistory().size() - 1; i >= 0; i--) {
                OrderView.StatusChange change = order.statusHistory().get(i);
                if (change.to() == OrderStatus.ATTENTION) {
                    return change.note();
                }
            }
        }
        return null;
    }
}
