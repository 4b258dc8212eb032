package io.orderengine.command.order;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.ReplacedPaymentAuthorizedEvent;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The payments of an unpaid {@link Order} that its edits replaced. An edit that changes the total of an order whose
 * money was not taken yet ({@link OrderEditSettlement#replacesPayment}) makes the payment under way obsolete: the
 * checkout cancels it at the gateway and sets up one for the new total. From then on:
 * <ul>
 *   <li>the order may wait for payment again (AWAITING_PAYMENT to AWAITING_PAYMENT) with the new payment's reference
 *       and action, once;
 *   <li>an authorization of a replaced payment (the customer paid the old link before it was cancelled) does not pay
 *       the order: it is recorded once as a {@link ReplacedPaymentAuthorizedEvent}, which the checkout voids, and the
 *       order keeps waiting for the payment of its new total.
 * </ul>
 * An entity of the order that follows its events; its state is plain fields, for snapshots.
 */
final class PaymentReplacements {

    /** The reference of the payment under way (set up, or authorized); null before the first. */
    private String current;
    /** References of the payments edits replaced, and those of them reported authorized. */
    private Set<String> replaced;

    private Set<String> authorizedReplaced;
    /** An edit replaced the payment and the order does not wait for the new one yet. */
    private boolean replacementDue;

    /** For snapshot loading. */
    PaymentReplacements() {}

    /** None yet: an order just placed. */
    static PaymentReplacements none() {
        PaymentReplacements replacements = new PaymentReplacements();
        replacements.replaced = new HashSet<>();
        replacements.authorizedReplaced = new HashSet<>();
        return replacements;
    }

    /** Whether {@code paymentReference} names a payment an edit replaced. */
    boolean replaced(String paymentReference) {
        return paymentReference != null && replaced.contains(paymentReference);
    }

    /** Whether the order is to wait for the payment that replaces one (it may wait for payment again). */
    boolean replacementDue() {
        return replacementDue;
    }

    /** The authorization of a replaced payment, the first time it is reported. */
    Optional<ReplacedPaymentAuthorizedEvent> authorizedReplaced(
            OrderId orderId, PaymentMethod provider, RecordPaymentAuthorizationCommand command) {
        if (authorizedReplaced.contains(command.paymentReference())) {
            return Optional.empty();
        }
        return Optional.of(new ReplacedPaymentAuthorizedEvent(
                orderId,
                PaymentTransitions.providerOr(command.provider(), provider),
                command.paymentReference(),
                command.amount()));
    }

    @EventSourcingHandler
    void on(OrderAwaitingPaymentEvent event) {
        current = event.paymentReference();
        replacementDue = false;
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        if (event.paymentReference() != null) {
            current = event.paymentReference();
        }
    }

    @EventSourcingHandler
    void on(OrderEditedEvent event) {
        if (OrderEditSettlement.replacesPayment(event)) {
            if (current != null) {
                replaced.add(current);
            }
            replacementDue = true;
        }
    }

    @EventSourcingHandler
    void on(ReplacedPaymentAuthorizedEvent event) {
        authorizedReplaced.add(event.paymentReference());
    }
}
