package io.orderengine.saga.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class CommandFailuresTest {

    /** Stands in for the command side's rejections, which the sagas do not depend on. */
    static final class OutOfStock extends DomainRejection {
        OutOfStock() {
            super(RejectionKind.CONFLICT, "insufficient-stock", "only 2 available");
        }
    }

    /** One of ours, but not a rule of the domain: the class's package must not make it a rejection. */
    static final class LedgerUnavailable extends RuntimeException {
        LedgerUnavailable() {
            super("ledger unavailable");
        }
    }

    @Test
    void aDomainRejectionIsARejectionWhateverItsKind() {
        assertThat(CommandFailures.isRejection(new OutOfStock())).isTrue();
        assertThat(CommandFailures.isRejection(new DomainRejection(RejectionKind.INVALID, "validation", "bad") {}))
                .isTrue();
    }

    @Test
    void anInvalidValueAndAnUnknownOrDuplicateAggregateAreRejections() {
        assertThat(CommandFailures.isRejection(new IllegalArgumentException("sku must match ...")))
                .isTrue();
        assertThat(CommandFailures.isRejection(new AggregateNotFoundException("MUG", "no such SKU")))
                .isTrue();
        assertThat(CommandFailures.isRejection(new AggregateStreamCreationException("exists")))
                .isTrue();
        assertThat(CommandFailures.isRejection(new NoHandlerForCommandException("no handler")))
                .isTrue();
    }

    @Test
    void storeAndConcurrencyFailuresAreWorthAnotherTry() {
        assertThat(CommandFailures.isRejection(new IllegalStateException("store down")))
                .isFalse();
        assertThat(CommandFailures.isRejection(new ConcurrencyException("appended at the same time")))
                .isFalse();
        assertThat(CommandFailures.isRejection(new CommandNotDelivered("x", new RuntimeException("y"))))
                .isFalse();
    }

    @Test
    void ourOwnExceptionsAreNotRejectionsJustBecauseTheyAreOurs() {
        assertThat(CommandFailures.isRejection(new LedgerUnavailable())).isFalse();
    }
}
