package io.orderengine.messages.discount;

import org.axonframework.serialization.Revision;

/** A code's terms are now {@code terms}; its uses are unchanged. */
@Revision("1")
public record DiscountChangedEvent(DiscountId id, DiscountTerms terms) {}
