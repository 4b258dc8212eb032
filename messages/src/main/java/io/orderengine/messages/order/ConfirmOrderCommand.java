package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment was captured: the order is {@code CONFIRMED} and {@code PAID}. Sent by the saga; a no-op when already confirmed. */
public record ConfirmOrderCommand(
        @TargetAggregateIdentifier OrderId orderId, PaymentMethod provider, String captureReference, Money captured) {}
