package io.orderengine.query.discount;

import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.DiscountType;
import java.time.Instant;
import java.util.Locale;

/**
 * A discount code as the admin sees it: its terms in the API's shape ({@code type} "percent" or "fixed"; {@code value}
 * in basis points or minor units of {@code currency}) and its uses: {@code usesReserved} held by unpaid orders,
 * {@code usesConfirmed} made by paid ones.
 */
public record DiscountView(
        String code,
        String type,
        long value,
        String currency,
        Instant validFrom,
        Instant validUntil,
        Integer maxUses,
        Integer maxUsesPerCustomer,
        long minimumSubtotalMinor,
        boolean active,
        int usesReserved,
        int usesConfirmed,
        Instant updatedAt) {

    /** The view of {@code terms} with these counts. */
    public static DiscountView of(DiscountTerms terms, int usesReserved, int usesConfirmed, Instant updatedAt) {
        return new DiscountView(
                terms.code(),
                terms.type().name().toLowerCase(Locale.ROOT),
                terms.value(),
                terms.currency(),
                terms.validFrom(),
                terms.validUntil(),
                terms.maxUses(),
                terms.maxUsesPerCustomer(),
                terms.minimumSubtotalMinor(),
                terms.active(),
                usesReserved,
                usesConfirmed,
                updatedAt);
    }

    /** The code's terms as the domain keeps them. */
    public DiscountTerms terms() {
        return new DiscountTerms(
                code,
                DiscountType.valueOf(type.toUpperCase(Locale.ROOT)),
                value,
                currency,
                validFrom,
                validUntil,
                maxUses,
                maxUsesPerCustomer,
                minimumSubtotalMinor,
                active);
    }
}
