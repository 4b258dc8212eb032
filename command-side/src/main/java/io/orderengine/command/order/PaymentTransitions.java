package io.orderengine.command.order;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.StartPaymentAttemptCommand;

/**
 * The payment rules of an {@link Order}: which gateway reports its payment still takes (an authorization while
 * PENDING or FAILED; a failure while PENDING or AUTHORIZED, never once money was captured), what a confirmation must
 * carry, that every amount is in the order's currency, that a client secret never goes into an event, and when another
 * payment attempt may start (AWAITING_PAYMENT, payment FAILED, attempts left).
 */
final class PaymentTransitions {

    private PaymentTransitions() {}

    /** Whether an authorization is still to be recorded: the payment is PENDING or FAILED. */
    static boolean awaitsAuthorization(PaymentStatus current) {
        return current == PaymentStatus.PENDING || current == PaymentStatus.FAILED;
    }

    /**
     * Whether a failure is to be recorded: false when it already is (FAILED); refused once the payment went past
     * AUTHORIZED.
     */
    static boolean failureToRecord(PaymentStatus current) {
        if (current == PaymentStatus.FAILED) {
            return false;
        }
        if (current != PaymentStatus.PENDING && current != PaymentStatus.AUTHORIZED) {
            throw new IllegalPaymentTransitionException(current, PaymentStatus.FAILED);
        }
        return true;
    }

    /** The authorization the gateway reported, its amount (when it names one) in the order's currency. */
    static PaymentAuthorizedEvent authorized(
            OrderId orderId, PaymentMethod current, String currency, RecordPaymentAuthorizationCommand command) {
        if (command.amount() != null) {
            requireOrderCurrency("authorized amount", command.amount(), currency);
        }
        return new PaymentAuthorizedEvent(
                orderId,
                providerOr(command.provider(), current),
                command.paymentReference(),
                command.amount(),
                command.cardBrand(),
                command.cardLast4());
    }

    /** The order paid: allowed from its status, with the captured amount in the order's currency. */
    static OrderConfirmedEvent confirmed(
            OrderId orderId,
            OrderStatus status,
            OrderStatus resumeStatus,
            PaymentMethod current,
            String currency,
            ConfirmOrderCommand command,
            Actor actor) {
        OrderTransitions.requireAllowed(status, resumeStatus, OrderStatus.CONFIRMED);
        requireCaptured(command.captured(), currency);
        return new OrderConfirmedEvent(
                orderId,
                status,
                providerOr(command.provider(), current),
                command.captureReference(),
                command.captured(),
                actor,
                "paid");
    }

    /** The captured amount a confirmation carries: required, and in the order's currency. */
    static void requireCaptured(Money captured, String currency) {
        if (captured == null) {
            throw new IllegalArgumentException("the captured amount is required to confirm an order");
        }
        requireOrderCurrency("captured amount", captured, currency);
    }

    static void requireOrderCurrency(String what, Money amount, String currency) {
        if (!amount.currency().equals(currency)) {
            throw new CurrencyMismatchException(what, amount, currency);
        }
    }

    /** The gateway the command names, or the order's when it names none. */
    static PaymentMethod providerOr(PaymentMethod named, PaymentMethod current) {
        return named == null ? current : named;
    }

    /** The action without its client secret (null stays null). */
    static PaymentAction withoutSecret(PaymentAction action) {
        return action == null ? null : new PaymentAction(action.type(), action.url(), null);
    }

    /**
     * The order waits for the payment the gateway set up: from PENDING (or back from ATTENTION), or again while
     * AWAITING_PAYMENT with the new reference and action of a later attempt or of the payment that replaces one an
     * unpaid edit made obsolete ({@code replacing}).
     */
    static OrderAwaitingPaymentEvent awaiting(
            OrderId orderId,
            OrderStatus status,
            OrderStatus resumeStatus,
            int attempt,
            boolean replacing,
            PaymentMethod current,
            AwaitPaymentCommand command,
            Actor actor) {
        if (!(status == OrderStatus.AWAITING_PAYMENT && (attempt > 1 || replacing))) {
            OrderTransitions.requireAllowed(status, resumeStatus, OrderStatus.AWAITING_PAYMENT);
        }
        PaymentMethod method = providerOr(command.provider(), current);
        String note = "waiting for " + method.wireName() + " payment"
                + (attempt > 1 ? " (attempt " + attempt + ")" : "")
                + (replacing ? " of the edited total" : "");
        return new OrderAwaitingPaymentEvent(
                orderId, status, method, command.paymentReference(), withoutSecret(command.action()), actor, note);
    }

    /**
     * A new payment attempt: refused unless the order is AWAITING_PAYMENT, its payment FAILED and fewer than the
     * policy's attempts were made. {@code attempt} is the current one (0 in orders stored before attempts were counted).
     */
    static PaymentAttemptStartedEvent nextAttempt(
            OrderId orderId,
            OrderStatus status,
            PaymentStatus payment,
            int attempt,
            StartPaymentAttemptCommand command,
            PaymentAttemptPolicy policy) {
        if (status != OrderStatus.AWAITING_PAYMENT) {
            throw new PaymentAttemptNotAllowedException(
                    "order is " + status + "; a new payment attempt needs " + OrderStatus.AWAITING_PAYMENT);
        }
        if (payment != PaymentStatus.FAILED) {
            throw new PaymentAttemptNotAllowedException("payment is " + payment + "; a new attempt needs FAILED");
        }
        int made = Math.max(1, attempt);
        if (made >= policy.maxAttempts()) {
            throw new PaymentAttemptNotAllowedException(
                    "all " + policy.maxAttempts() + " payment attempts of this order were used");
        }
        return new PaymentAttemptStartedEvent(orderId, made + 1, command.paymentMethod(), command.actor());
    }
}
