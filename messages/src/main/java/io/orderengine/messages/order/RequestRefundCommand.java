package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives money back: {@code amount} null means everything captured and not yet refunded. Never more than that; rejected when nothing was captured. */
public record RequestRefundCommand(
        @TargetAggregateIdentifier OrderId orderId, String refundId, Money amount, Actor actor, String reason) {
    public RequestRefundCommand {
        if (refundId == null || refundId.isBlank()) throw new IllegalArgumentException("refundId is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
        if (amount != null && amount.amountMinor() <= 0)
            throw new IllegalArgumentException("refund amount must be positive");
    }
}
