package io.orderengine.outbound.mail;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * How the notification processor dead-letters: events whose e-mail could not be sent go to the Mongo dead-letter
 * queue (later events of the same order queue up behind them, so a customer never gets "shipped" before
 * "confirmed"). The processor itself is configured with every other one in the api's processing-groups table; it
 * starts at the head of the event stream, so deploying notifications onto an existing store does not mail every
 * customer about every past order.
 */
public final class DeadLetterPolicies {

    /** Diagnostics key: how often the dead letter was retried and failed again (0 on its first failure). */
    public static final String RETRIES = "retries";

    private DeadLetterPolicies() {}

    /** Dead-letters every failure, counting in the diagnostics how many retries have failed. */
    public static EnqueuePolicy<EventMessage<?>> countingRetries() {
        return (letter, cause) -> {
            Object previous = letter.diagnostics().get(RETRIES);
            int retries = previous instanceof Number n ? n.intValue() + 1 : 0;
            return Decisions.enqueue(
                    truncated(cause),
                    l -> l.diagnostics()
                            .and(RETRIES, retries)
                            .and("lastFailure", cause.getClass().getSimpleName()));
        };
    }

    private static Throwable truncated(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.length() <= 1000) {
            return cause;
        }
        return new IllegalStateException(cause.getClass().getName() + ": " + message.substring(0, 1000));
    }
}
