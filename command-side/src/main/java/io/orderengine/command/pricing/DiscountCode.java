package io.orderengine.command.pricing;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.DiscountType;
import java.util.Locale;
import java.util.Objects;

/**
 * A discount code the shop hands out: either a percentage of the subtotal ({@code percentBasisPoints}, 1000 = 10 %)
 * or a fixed amount off ({@code amountOff}, which only applies to orders in its currency). Exactly one of the two is
 * set. Codes are matched case-insensitively; {@code code} is the canonical spelling recorded on orders.
 */
public record DiscountCode(String code, long percentBasisPoints, Money amountOff) {

    public DiscountCode {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("discount code is required");
        }
        code = code.strip();
        if (amountOff == null) {
            if (percentBasisPoints <= 0 || percentBasisPoints > 10_000) {
                throw new IllegalArgumentException(
                        "percent discount " + code + " must be 1..10000 basis points, got " + percentBasisPoints);
            }
        } else {
            if (percentBasisPoints != 0) {
                throw new IllegalArgumentException(
                        "discount " + code + " is either a percentage or an amount, not both");
            }
            if (amountOff.amountMinor() <= 0) {
                throw new IllegalArgumentException("amount discount " + code + " must be positive, got " + amountOff);
            }
        }
    }

    public static DiscountCode percent(String code, long basisPoints) {
        return new DiscountCode(code, basisPoints, null);
    }

    public static DiscountCode fixed(String code, Money amountOff) {
        Objects.requireNonNull(amountOff, "amountOff");
        return new DiscountCode(code, 0, amountOff);
    }

    /** What {@code terms} take off an order (their dates, limits and minimum are the discount aggregate's rules). */
    public static DiscountCode of(DiscountTerms terms) {
        return terms.type() == DiscountType.PERCENT
                ? percent(terms.code(), terms.value())
                : fixed(terms.code(), Money.of(terms.value(), terms.currency()));
    }

    /** This configured code as data: no dates, no limits, no minimum, active. */
    public DiscountTerms terms() {
        return amountOff == null
                ? DiscountTerms.percent(code, percentBasisPoints)
                : DiscountTerms.fixed(code, amountOff);
    }

    /** The key codes are looked up by: upper-cased, so "welcome10" finds "WELCOME10". */
    static String lookupKey(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    /** Whether the code can be used on an order in {@code currency}; a fixed amount only in its own currency. */
    public boolean appliesTo(String currency) {
        return amountOff == null || amountOff.currency().equals(currency);
    }

    /** What the code takes off {@code subtotal}: never more than the subtotal itself. */
    Money discountOn(Money subtotal) {
        Money discount = amountOff == null ? subtotal.percentOf(percentBasisPoints) : amountOff;
        return discount.min(subtotal);
    }
}
