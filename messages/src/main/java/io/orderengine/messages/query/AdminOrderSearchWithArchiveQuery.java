package io.orderengine.messages.query;

import java.util.Objects;

/**
 * The admin's order list over every order, archived ones included: the same filters, sort and paging as
 * {@code search}, applied to the hot orders and to the archive (finished orders moved out of the working set after
 * the archival period) together. Answered like {@link AdminOrderSearchQuery}.
 */
public record AdminOrderSearchWithArchiveQuery(AdminOrderSearchQuery search) {
    public AdminOrderSearchWithArchiveQuery {
        Objects.requireNonNull(search, "search");
    }
}
