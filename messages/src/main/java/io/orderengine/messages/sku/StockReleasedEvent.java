package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The order's reservation was given up; {@code available} is the value after it. */
@Revision("1")
public record StockReleasedEvent(SkuCode sku, OrderId orderId, int quantity, String reason, int available) {}
