package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payment was declined, failed or was cancelled at the gateway. Sent by the saga or the webhook inbox; a no-op
 * when already recorded, and when {@code paymentReference} names a payment an edit of the unpaid order replaced (its
 * cancellation is no failure of the payment the order waits for). {@code paymentReference} may be null: the payment
 * under way.
 */
public record RecordPaymentFailureCommand(
        @TargetAggregateIdentifier OrderId orderId, String reason, String paymentReference) {

    /** The payment under way failed. */
    public RecordPaymentFailureCommand(OrderId orderId, String reason) {
        this(orderId, reason, null);
    }
}
