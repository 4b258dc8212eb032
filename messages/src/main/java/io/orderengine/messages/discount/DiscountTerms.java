package io.orderengine.messages.discount;

import io.orderengine.messages.common.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * What a discount code gives and when: {@code value} is basis points of the subtotal for {@link DiscountType#PERCENT}
 * (1000 = 10 %, at most 10000) and minor units of {@code currency} for {@link DiscountType#FIXED}. A fixed code, and a
 * percent code with a {@code currency}, apply only to orders in that currency; a minimum subtotal is in the minor
 * units of that currency, so it needs one. Valid from {@code validFrom} (inclusive) until {@code validUntil}
 * (exclusive), both optional. {@code maxUses} counts every order holding or having used the code, {@code
 * maxUsesPerCustomer} those of one customer; null means no limit.
 */
public record DiscountTerms(
        String code,
        DiscountType type,
        long value,
        String currency,
        Instant validFrom,
        Instant validUntil,
        Integer maxUses,
        Integer maxUsesPerCustomer,
        long minimumSubtotalMinor,
        boolean active) {

    public DiscountTerms {
        Objects.requireNonNull(code, "code");
        DiscountId.of(code);
        code = code.strip();
        Objects.requireNonNull(type, "type");
        if (value <= 0) {
            throw new IllegalArgumentException("value must be positive, got " + value);
        }
        if (type == DiscountType.PERCENT && value > 10_000) {
            throw new IllegalArgumentException("a percent discount is at most 10000 basis points, got " + value);
        }
        if (currency != null && !Money.isIsoCurrency(currency)) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got '" + currency + "'");
        }
        if (type == DiscountType.FIXED && currency == null) {
            throw new IllegalArgumentException("a fixed discount needs a currency");
        }
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        if (maxUses != null && maxUses < 1) {
            throw new IllegalArgumentException("maxUses must be at least 1, got " + maxUses);
        }
        if (maxUsesPerCustomer != null && maxUsesPerCustomer < 1) {
            throw new IllegalArgumentException("maxUsesPerCustomer must be at least 1, got " + maxUsesPerCustomer);
        }
        if (minimumSubtotalMinor < 0) {
            throw new IllegalArgumentException(
                    "minimumSubtotalMinor must be zero or more, got " + minimumSubtotalMinor);
        }
        if (minimumSubtotalMinor > 0 && currency == null) {
            throw new IllegalArgumentException("a minimum subtotal needs a currency");
        }
    }

    /** A percent code without dates, limits or minimum: what a configured code becomes. */
    public static DiscountTerms percent(String code, long basisPoints) {
        return new DiscountTerms(code, DiscountType.PERCENT, basisPoints, null, null, null, null, null, 0, true);
    }

    /** A fixed code without dates, limits or minimum: what a configured code becomes. */
    public static DiscountTerms fixed(String code, Money amountOff) {
        return new DiscountTerms(
                code,
                DiscountType.FIXED,
                amountOff.amountMinor(),
                amountOff.currency(),
                null,
                null,
                null,
                null,
                0,
                true);
    }

    public DiscountId id() {
        return DiscountId.of(code);
    }
}
