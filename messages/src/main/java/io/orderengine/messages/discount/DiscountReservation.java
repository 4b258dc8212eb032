package io.orderengine.messages.discount;

/**
 * The answer to a {@link ReserveDiscountUseCommand}: the terms the order is priced with, and whether this command
 * took the use ({@code false} when the order held or had used one already).
 */
public record DiscountReservation(DiscountTerms terms, boolean taken) {}
