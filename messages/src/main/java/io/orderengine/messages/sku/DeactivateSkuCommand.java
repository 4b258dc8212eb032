package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops selling a SKU: new reservations are rejected; existing ones stay valid. */
public record DeactivateSkuCommand(
        @TargetAggregateIdentifier SkuCode sku, String reason) {}
