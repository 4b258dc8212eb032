package io.orderengine.command.order;

import static io.orderengine.command.order.PaymentTransitions.requireOrderCurrency;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentStatus;
import java.util.Collection;

/**
 * The refund rules of an {@link Order} (amounts in minor units of the order's currency): what may be asked for
 * (never more than captured − refunded − refunds already asked for), what a gateway may report as refunded (never
 * more than captured − refunded) and the payment status after a refund.
 */
final class RefundPolicy {

    private RefundPolicy() {}

    /** Captured − refunded − refunds in flight, never below zero. */
    static Money refundable(String currency, Money captured, Money refunded, Collection<Money> inFlight) {
        Money asked = Money.zero(currency);
        for (Money amount : inFlight) {
            asked = asked.plus(amount);
        }
        Money left = captured.minus(refunded).minus(asked);
        return left.isNegative() ? Money.zero(currency) : left;
    }

    /**
     * The amount a refund request may ask for: {@code requested}, or all that is refundable when null.
     *
     * @throws RefundNotAllowedException when nothing was captured, nothing is left or more is asked than is left
     */
    static Money amountToRefund(
            Money requested, String currency, Money captured, Money refunded, Collection<Money> inFlight) {
        Money refundable = refundable(currency, captured, refunded, inFlight);
        if (captured.isZero()) {
            throw new RefundNotAllowedException(
                    "nothing was captured for this order; there is nothing to refund", refundable);
        }
        if (requested != null) {
            requireOrderCurrency("refund amount", requested, currency);
        }
        Money amount = requested == null ? refundable : requested;
        if (refundable.isZero()) {
            throw new RefundNotAllowedException("everything captured was refunded or is being refunded", refundable);
        }
        if (amount.greaterThan(refundable)) {
            throw new RefundNotAllowedException(
                    "cannot refund " + amount + ": at most " + refundable + " can be refunded", refundable);
        }
        return amount;
    }

    static void requireRefundReference(String refundReference) {
        if (refundReference == null || refundReference.isBlank()) {
            throw new IllegalArgumentException("the gateway's refund reference is required");
        }
    }

    /**
     * The total refunded once the gateway's refund of {@code amount} is recorded.
     *
     * @throws RefundNotAllowedException when {@code amount} exceeds what was captured and not yet refunded
     */
    static Money totalRefundedAfter(Money amount, String currency, Money captured, Money refunded) {
        Money remaining = captured.minus(refunded);
        if (amount == null || amount.amountMinor() <= 0) {
            throw new IllegalArgumentException("a refund amount must be positive");
        }
        requireOrderCurrency("refund amount", amount, currency);
        if (amount.greaterThan(remaining)) {
            throw new RefundNotAllowedException(
                    "cannot record a refund of " + amount + ": at most " + remaining
                            + " was captured and not yet refunded",
                    remaining);
        }
        return refunded.plus(amount);
    }

    /** REFUNDED once everything captured was refunded, PARTIALLY_REFUNDED before. */
    static PaymentStatus statusAfter(Money totalRefunded, Money captured) {
        return totalRefunded.equals(captured) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
    }
}
