package io.orderengine.messages.discount;

import org.axonframework.serialization.Revision;

/** A discount code exists from now on, with no uses. */
@Revision("1")
public record DiscountCreatedEvent(DiscountId id, DiscountTerms terms) {}
