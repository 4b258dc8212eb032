package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The balance of edit {@code editId} was captured. Settles the edit while it waits for its balance; after a rollback
 * (or a cancel) the money is recorded as paid late, to be refunded. A no-op when recorded before.
 */
public record RecordEditBalanceCaptureCommand(
        @TargetAggregateIdentifier OrderId orderId,
        String editId,
        PaymentMethod provider,
        String paymentReference,
        String captureReference,
        Money amount) {
    public RecordEditBalanceCaptureCommand {
        if (editId == null || editId.isBlank()) throw new IllegalArgumentException("editId is required");
        if (amount == null || amount.amountMinor() <= 0) throw new IllegalArgumentException("amount must be positive");
    }
}
