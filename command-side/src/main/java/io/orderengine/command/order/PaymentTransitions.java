package io.orderengine.command.order;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentStatus;

/**
 * The payment rules of an {@link Order}: which gateway reports its payment still takes (an authorization while
 * PENDING or FAILED; a failure while PENDING or AUTHORIZED, never once money was captured), what a confirmation must
 * carry, that every amount is in the order's currency, and that a client secret never goes into an event.
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
}
