package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * An order edit changed the units the order holds by {@code delta}: {@code sold} units came from (or went back to)
 * on hand, otherwise from (or to) the reservation. {@code onHand} and {@code available} are the SKU's figures after.
 */
@Revision("1")
public record OrderStockAdjustedEvent(
        SkuCode sku,
        OrderId orderId,
        String changeId,
        int delta,
        boolean sold,
        int onHand,
        int available,
        String reason) {}
