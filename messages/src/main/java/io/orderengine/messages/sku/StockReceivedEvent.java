package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** On hand grew by {@code quantity}; {@code onHand} and {@code available} are the values after it. */
@Revision("1")
public record StockReceivedEvent(SkuCode sku, int quantity, String reason, int onHand, int available) {}
