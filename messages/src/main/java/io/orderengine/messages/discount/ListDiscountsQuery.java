package io.orderengine.messages.discount;

/** Every discount code, in code order, for the admin list. */
public record ListDiscountsQuery() {}
