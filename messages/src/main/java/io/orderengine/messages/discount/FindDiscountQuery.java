package io.orderengine.messages.discount;

/** One discount code's admin view (empty when unknown). */
public record FindDiscountQuery(DiscountId id) {}
