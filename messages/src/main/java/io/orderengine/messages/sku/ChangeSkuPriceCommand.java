package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a new unit price; orders already placed keep the price they were placed at. */
public record ChangeSkuPriceCommand(
        @TargetAggregateIdentifier SkuCode sku, Money newPrice) {
    public ChangeSkuPriceCommand {
        if (newPrice == null || newPrice.isNegative()) throw new IllegalArgumentException("price must be zero or more");
    }
}
