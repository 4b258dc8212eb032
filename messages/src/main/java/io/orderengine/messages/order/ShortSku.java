package io.orderengine.messages.order;

import io.orderengine.messages.common.*;

/** A SKU that could not be reserved for an order: asked for {@code requested}, {@code available} were left. */
public record ShortSku(SkuCode sku, int requested, int available) {}
