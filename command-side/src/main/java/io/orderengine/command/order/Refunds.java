package io.orderengine.command.order;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RequestRefundCommand;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The money of an {@link Order}: what was captured, what was refunded and the refunds asked for and not yet done. An
 * entity of the order (its own event-sourcing handlers); the rules are {@link RefundPolicy}'s. A refund id asked for
 * before and a refund reference recorded before change nothing, so a retried request cannot refund twice.
 */
final class Refunds {

    private String currency;
    private Money captured;
    private Money refunded;
    /** Refunds asked for and not yet recorded as done, by refund id. */
    private Map<String, Money> inFlight;

    private Set<String> refundIds;
    private Set<String> refundReferences;

    /** For snapshot loading. */
    Refunds() {}

    Refunds(String currency) {
        this.currency = currency;
        captured = Money.zero(currency);
        refunded = Money.zero(currency);
        inFlight = new HashMap<>();
        refundIds = new HashSet<>();
        refundReferences = new HashSet<>();
    }

    /** The refund {@code command} asks for, or empty when its refund id was asked for before. */
    Optional<RefundRequestedEvent> request(
            OrderId orderId, PaymentMethod provider, String paymentReference, RequestRefundCommand command) {
        if (refundIds.contains(command.refundId())) {
            return Optional.empty();
        }
        Money amount = RefundPolicy.amountToRefund(command.amount(), currency, captured, refunded, inFlight.values());
        // every gateway refunds by the payment's reference (PayPal's adapter finds the capture of the order itself)
        return Optional.of(new RefundRequestedEvent(
                orderId, command.refundId(), amount, provider, paymentReference, command.actor(), command.reason()));
    }

    /** The refund the gateway did, or empty when its reference is already recorded. */
    Optional<PaymentRefundedEvent> record(OrderId orderId, RecordRefundCommand command) {
        RefundPolicy.requireRefundReference(command.refundReference());
        if (refundReferences.contains(command.refundReference())) {
            return Optional.empty();
        }
        Money totalRefunded = RefundPolicy.totalRefundedAfter(command.amount(), currency, captured, refunded);
        return Optional.of(new PaymentRefundedEvent(
                orderId,
                command.refundId(),
                command.refundReference(),
                command.amount(),
                totalRefunded,
                RefundPolicy.statusAfter(totalRefunded, captured)));
    }

    /** Captured and not yet refunded (what a cancellation gives back). */
    Money due() {
        return captured.minus(refunded);
    }

    /** Captured − refunded − refunds in flight, never below zero (what a new refund may still ask for). */
    Money refundable() {
        return RefundPolicy.refundable(currency, captured, refunded, inFlight.values());
    }

    boolean asked(String refundId) {
        return refundIds.contains(refundId);
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        captured = event.captured();
    }

    /** The balance of an edit was paid: it is captured money of the order too. */
    @EventSourcingHandler
    void on(EditBalancePaidEvent event) {
        captured = captured.plus(event.amount());
    }

    @EventSourcingHandler
    void on(RefundRequestedEvent event) {
        refundIds.add(event.refundId());
        inFlight.put(event.refundId(), event.amount());
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        refunded = event.totalRefunded();
        refundReferences.add(event.refundReference());
        if (event.refundId() != null) {
            // a refund split across payments comes back in parts: what is still to come stays in flight
            inFlight.computeIfPresent(event.refundId(), (id, asked) -> {
                Money rest = asked.minus(event.amount());
                return rest.amountMinor() > 0 ? rest : null;
            });
        }
    }
}
