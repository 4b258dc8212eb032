package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment was declined, failed or was cancelled at the gateway. Sent by the saga; a no-op when already recorded. */
public record RecordPaymentFailureCommand(
        @TargetAggregateIdentifier OrderId orderId, String reason) {}
