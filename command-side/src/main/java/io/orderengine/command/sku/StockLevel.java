package io.orderengine.command.sku;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.sku.LowStockReachedEvent;

/** A SKU's available units and low-stock threshold at one moment, to tell whether a step made the stock low. */
record StockLevel(int available, int threshold) {

    boolean low() {
        return available <= threshold;
    }

    /** Low stock is reported once, when available falls to or below the threshold from above it. */
    void reportLowStockAt(SkuCode sku, StockLevel after) {
        if (!low() && after.low()) {
            apply(new LowStockReachedEvent(sku, after.available(), after.threshold()));
        }
    }
}
