package io.orderengine.messages.discount;

import io.orderengine.messages.common.OrderId;
import org.axonframework.serialization.Revision;

/** The order was paid: its use counts for good. {@code reserved} and {@code confirmed} are the counts after it. */
@Revision("1")
public record DiscountUseConfirmedEvent(DiscountId id, OrderId orderId, int reserved, int confirmed) {}
