package io.orderengine.messages.discount;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a code's terms (the code itself stays); uses already held or made are kept and keep counting. */
public record ChangeDiscountCommand(
        @TargetAggregateIdentifier DiscountId id, DiscountTerms terms) {
    public ChangeDiscountCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(terms, "terms");
        if (!terms.id().equals(id)) throw new IllegalArgumentException("terms of " + terms.code() + " sent to " + id);
    }
}
