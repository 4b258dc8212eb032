package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The gateway refunded {@code amount}. Sent by the saga or a webhook; a no-op when that refund reference is already recorded. */
public record RecordRefundCommand(
        @TargetAggregateIdentifier OrderId orderId, String refundId, String refundReference, Money amount) {}
