package io.orderengine.messages.discount;

import io.orderengine.messages.common.OrderId;
import org.axonframework.serialization.Revision;

/** An order holds one use of the code. {@code reserved} and {@code confirmed} are the code's counts after it. */
@Revision("1")
public record DiscountUseReservedEvent(
        DiscountId id, OrderId orderId, String customerKey, int reserved, int confirmed) {}
