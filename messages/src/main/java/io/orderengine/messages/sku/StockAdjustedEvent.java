package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** On hand was corrected by {@code delta}; {@code onHand} and {@code available} are the values after it. */
@Revision("1")
public record StockAdjustedEvent(SkuCode sku, int delta, String reason, int onHand, int available) {}
