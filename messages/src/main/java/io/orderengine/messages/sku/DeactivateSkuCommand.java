package io.orderengine.messages.sku;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.orderengine.messages.common.*;

/** Stops selling a SKU: new reservations are rejected; existing ones stay valid. */
public record DeactivateSkuCommand(@TargetAggregateIdentifier SkuCode sku, String reason) {
}
