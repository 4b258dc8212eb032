package io.orderengine.messages.discount;

import io.orderengine.messages.common.OrderId;
import org.axonframework.serialization.Revision;

/** The order's held use is free again. {@code reserved} and {@code confirmed} are the counts after it. */
@Revision("1")
public record DiscountUseReleasedEvent(DiscountId id, OrderId orderId, String reason, int reserved, int confirmed) {}
