package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The gateway holds the balance payment of edit {@code editId}. Sent for a gateway's report; a no-op when recorded
 * before or when the edit no longer waits for its balance.
 */
public record RecordEditBalanceAuthorizationCommand(
        @TargetAggregateIdentifier OrderId orderId, String editId, String paymentReference) {}
