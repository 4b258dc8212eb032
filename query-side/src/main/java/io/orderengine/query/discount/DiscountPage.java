package io.orderengine.query.discount;

import java.util.List;

/** Every discount code, in code order (a shop has few: the list is not paged). */
public record DiscountPage(List<DiscountView> items) {}
