package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stock is reserved and the payment is set up at the gateway: the order waits for the customer to pay. Sent by the checkout saga; a no-op when already awaiting payment with the same reference. */
public record AwaitPaymentCommand(
        @TargetAggregateIdentifier OrderId orderId,
        PaymentMethod provider,
        String paymentReference,
        PaymentAction action) {}
