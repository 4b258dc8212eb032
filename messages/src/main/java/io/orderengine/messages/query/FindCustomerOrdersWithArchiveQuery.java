package io.orderengine.messages.query;

import java.util.Objects;

/**
 * A customer's whole order history, archived orders included: the same filter and paging as {@code history},
 * newest first over the hot orders and the archive together. Answered like {@link FindCustomerOrdersQuery}.
 */
public record FindCustomerOrdersWithArchiveQuery(FindCustomerOrdersQuery history) {
    public FindCustomerOrdersWithArchiveQuery {
        Objects.requireNonNull(history, "history");
    }
}
