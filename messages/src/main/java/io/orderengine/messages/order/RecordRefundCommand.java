package io.orderengine.messages.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.orderengine.messages.common.*;

/** The gateway refunded {@code amount}. Sent by the saga or a webhook; a no-op when that refund reference is already recorded. */
public record RecordRefundCommand(@TargetAggregateIdentifier OrderId orderId, String refundId, String refundReference,
                                  Money amount) {
}
