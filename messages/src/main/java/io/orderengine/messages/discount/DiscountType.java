package io.orderengine.messages.discount;

/** How a discount takes its amount off: a percentage of the subtotal, or a fixed amount in one currency. */
public enum DiscountType {
    PERCENT,
    FIXED
}
