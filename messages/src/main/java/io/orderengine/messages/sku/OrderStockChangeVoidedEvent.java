package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/**
 * Order stock change {@code changeId} was undone before it was made ({@code reason}): when it arrives, it changes
 * nothing. The SKU's figures do not move.
 */
@Revision("1")
public record OrderStockChangeVoidedEvent(SkuCode sku, OrderId orderId, String changeId, String reason) {}
