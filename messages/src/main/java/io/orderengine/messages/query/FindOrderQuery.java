package io.orderengine.messages.query;

import io.orderengine.messages.common.*;

/** The order detail read model of one order (empty when unknown). */
public record FindOrderQuery(OrderId orderId) {}
