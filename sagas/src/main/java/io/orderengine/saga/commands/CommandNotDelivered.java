package io.orderengine.saga.commands;

/**
 * A command a process step depends on could not be handled for a reason other than the domain refusing it (see
 * {@link CommandFailures}). Thrown out of the step so the event that triggered it is handled again later instead
 * of being marked done with the command lost.
 */
public class CommandNotDelivered extends RuntimeException {

    public CommandNotDelivered(Object command, Throwable cause) {
        super(command.getClass().getSimpleName() + " could not be delivered: " + cause.getMessage(), cause);
    }
}
