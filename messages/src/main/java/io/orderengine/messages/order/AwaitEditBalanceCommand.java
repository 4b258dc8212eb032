package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The balance payment of edit {@code editId} is set up at the gateway. Sent by the edit-balance saga; a no-op when
 * already recorded, or when the edit no longer waits for its balance.
 */
public record AwaitEditBalanceCommand(
        @TargetAggregateIdentifier OrderId orderId,
        String editId,
        PaymentMethod provider,
        String paymentReference,
        PaymentAction action) {}
