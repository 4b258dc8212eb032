package io.orderengine.messages.query;

import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import java.time.Instant;

/**
 * The admin's order list. Every filter is optional (null = no filter): {@code status}, {@code paymentStatus},
 * placement time from {@code placedFrom} (inclusive) to {@code placedTo} (exclusive), and {@code text}, matched
 * case-insensitively as a substring of the order number, the customer's name (shipping or billing address) or
 * e-mail. Sorted by {@code sort} (default newest first), paged (default first page of 20).
 */
public record AdminOrderSearchQuery(
        OrderStatus status,
        PaymentStatus paymentStatus,
        Instant placedFrom,
        Instant placedTo,
        String text,
        Sort sort,
        PageRequest page) {

    /** The order of the list; ties are broken by order id so pages never overlap. */
    public enum Sort {
        PLACED_AT_DESC,
        PLACED_AT_ASC,
        TOTAL_DESC,
        TOTAL_ASC
    }

    public AdminOrderSearchQuery {
        if (placedFrom != null && placedTo != null && placedTo.isBefore(placedFrom)) {
            throw new IllegalArgumentException("placedTo must not be before placedFrom");
        }
        text = text == null || text.isBlank() ? null : text.strip();
        sort = sort == null ? Sort.PLACED_AT_DESC : sort;
        page = page == null ? PageRequest.first(20) : page;
    }

    /** Every order, newest first, in pages of {@code size}. */
    public static AdminOrderSearchQuery all(PageRequest page) {
        return new AdminOrderSearchQuery(null, null, null, null, null, null, page);
    }
}
