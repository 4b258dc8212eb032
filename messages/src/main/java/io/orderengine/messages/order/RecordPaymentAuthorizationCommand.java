package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The gateway holds the money (authorized, not captured). Sent by the saga; a no-op when already recorded. */
public record RecordPaymentAuthorizationCommand(
        @TargetAggregateIdentifier OrderId orderId,
        PaymentMethod provider,
        String paymentReference,
        Money amount,
        String cardBrand,
        String cardLast4) {}
