package io.orderengine.messages.discount;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Holds one use of a code for an order about to be placed, checked against the code's dates ({@code at}), limits,
 * minimum and currency. Idempotent per order: a re-sent reservation of the same order changes nothing.
 * {@code customerKey} identifies the customer for the per-customer limit without naming them (a hash).
 */
public record ReserveDiscountUseCommand(
        @TargetAggregateIdentifier DiscountId id, OrderId orderId, String customerKey, Money subtotal, Instant at) {
    public ReserveDiscountUseCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(at, "at");
    }
}
