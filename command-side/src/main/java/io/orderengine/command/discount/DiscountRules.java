package io.orderengine.command.discount;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.discount.DiscountTerms;
import java.time.Instant;

/**
 * When a discount code may be used on an order: the code is active, {@code at} lies in its validity window
 * ([validFrom, validUntil)), the order is in the code's currency (if it has one), the subtotal reaches the minimum,
 * and neither the code's nor the customer's uses are at their limit. Uses counted are those held by unpaid orders
 * and those of paid orders. The checks run in that order, so the first reason that applies is the one reported.
 */
public final class DiscountRules {

    private DiscountRules() {}

    /**
     * @param usesTaken    uses held or made by all orders
     * @param customerUses uses held or made by this customer's orders
     * @throws DiscountRefusedException the first rule the order breaks
     */
    public static void check(DiscountTerms terms, Instant at, Money subtotal, int usesTaken, int customerUses) {
        String code = terms.code();
        if (!terms.active()) {
            throw refused(DiscountRefusal.INACTIVE, "Discount code " + code + " is not active.");
        }
        if (terms.validFrom() != null && at.isBefore(terms.validFrom())) {
            throw refused(
                    DiscountRefusal.NOT_YET_VALID,
                    "Discount code " + code + " is valid from " + terms.validFrom() + ".");
        }
        if (terms.validUntil() != null && !at.isBefore(terms.validUntil())) {
            throw refused(DiscountRefusal.EXPIRED, "Discount code " + code + " expired at " + terms.validUntil() + ".");
        }
        if (terms.currency() != null && !terms.currency().equals(subtotal.currency())) {
            throw refused(
                    DiscountRefusal.CURRENCY,
                    "Discount code " + code + " applies only to orders in " + terms.currency() + ".");
        }
        if (subtotal.amountMinor() < terms.minimumSubtotalMinor()) {
            throw refused(
                    DiscountRefusal.MINIMUM_NOT_MET,
                    "Discount code " + code + " needs a subtotal of at least " + terms.minimumSubtotalMinor()
                            + " minor units of " + terms.currency() + "; this order's is " + subtotal.amountMinor()
                            + ".");
        }
        if (terms.maxUses() != null && usesTaken >= terms.maxUses()) {
            throw refused(DiscountRefusal.USED_UP, "Discount code " + code + " has been used up.");
        }
        if (terms.maxUsesPerCustomer() != null && customerUses >= terms.maxUsesPerCustomer()) {
            throw refused(
                    DiscountRefusal.CUSTOMER_LIMIT,
                    "Discount code " + code + " can be used at most " + terms.maxUsesPerCustomer()
                            + " time(s) per customer.");
        }
    }

    private static DiscountRefusedException refused(DiscountRefusal reason, String message) {
        return new DiscountRefusedException(reason, message);
    }
}
