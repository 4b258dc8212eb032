package io.orderengine.messages.sku;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** A SKU is no longer sold. */
@Revision("1")
public record SkuDeactivatedEvent(SkuCode sku, String reason) {}
