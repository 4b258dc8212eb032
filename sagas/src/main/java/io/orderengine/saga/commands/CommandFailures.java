package io.orderengine.saga.commands;

import io.orderengine.messages.rejection.DomainRejection;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * Tells a command the domain refused from one that failed on the way. A refusal (a state, a stock level, an unknown
 * or duplicate id, an invalid value) will be refused again, so retrying it is pointless; anything else (a lock, a
 * concurrent append by another instance, a store hiccup) may well succeed on the next attempt.
 */
public final class CommandFailures {

    private CommandFailures() {}

    /** True when {@code failure} is the domain refusing the command, rather than a failure worth another try. */
    public static boolean isRejection(Throwable failure) {
        return failure instanceof DomainRejection
                // a message record's shape check: the same values fail the same way every time
                || failure instanceof IllegalArgumentException
                || failure instanceof AggregateNotFoundException
                || failure instanceof AggregateStreamCreationException
                || failure instanceof NoHandlerForCommandException;
    }
}
