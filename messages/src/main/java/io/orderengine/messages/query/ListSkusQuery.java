package io.orderengine.messages.query;

/** The catalogue with availability, ordered by SKU code; {@code activeOnly} hides deactivated SKUs. */
public record ListSkusQuery(boolean activeOnly, PageRequest page) {}
