package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The owner (or a guest with the order's token) tries to pay again after the payment failed, with {@code paymentMethod}
 * (the same provider or another). Accepted only while the order is AWAITING_PAYMENT, its payment FAILED and attempts
 * are left; the checkout saga then sets up a new payment at the gateway, with keys of its own.
 */
public record StartPaymentAttemptCommand(
        @TargetAggregateIdentifier OrderId orderId, PaymentMethod paymentMethod, Actor actor) {
    public StartPaymentAttemptCommand {
        if (orderId == null) throw new IllegalArgumentException("orderId is required");
        if (paymentMethod == null) throw new IllegalArgumentException("paymentMethod is required");
        if (actor == null) throw new IllegalArgumentException("actor is required");
    }
}
