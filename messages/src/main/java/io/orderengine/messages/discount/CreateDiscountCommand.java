package io.orderengine.messages.discount;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a discount code. A second code with the same id (any letter case) is refused by the event store. */
public record CreateDiscountCommand(
        @TargetAggregateIdentifier DiscountId id, DiscountTerms terms) {
    public CreateDiscountCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(terms, "terms");
        if (!terms.id().equals(id)) throw new IllegalArgumentException("terms of " + terms.code() + " sent to " + id);
    }
}
