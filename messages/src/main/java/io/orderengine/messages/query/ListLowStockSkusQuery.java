package io.orderengine.messages.query;

import java.util.Objects;

/** Active SKUs whose available stock is at or below their low-stock threshold, scarcest first. */
public record ListLowStockSkusQuery(PageRequest page) {
    public ListLowStockSkusQuery {
        Objects.requireNonNull(page, "page");
    }
}
