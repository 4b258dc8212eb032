package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** A deactivated SKU is sold again. */
@Revision("1")
public record SkuReactivatedEvent(SkuCode sku) {}
