package io.orderengine.messages.order;

import io.orderengine.messages.common.*;

/**
 * A SKU of an order edit, before and after: {@code quantityBefore} 0 means added, {@code quantityAfter} 0 removed.
 * {@code unitPrice} is the line's snapshot price (or the catalogue price now, for an added SKU).
 */
public record EditedLine(SkuCode sku, String name, Money unitPrice, int quantityBefore, int quantityAfter) {

    /** Units to reserve (positive) or to give back (negative). */
    public int stockDelta() {
        return quantityAfter - quantityBefore;
    }

    /** The same SKU the other way round: what undoing the change does. */
    public EditedLine reversed() {
        return new EditedLine(sku, name, unitPrice, quantityAfter, quantityBefore);
    }

    /** The SKU was not on the order before. */
    public boolean added() {
        return quantityBefore == 0;
    }
}
