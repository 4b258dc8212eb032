package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code quantity} units are held for the order; {@code available} is what is left for others. */
@Revision("1")
public record StockReservedEvent(SkuCode sku, OrderId orderId, int quantity, int available, Instant expiresAt) {}
