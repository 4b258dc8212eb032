package io.orderengine.infrastructure.inspection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;

/** Which sequence of a dead-letter queue a dead letter belongs to. */
public final class DeadLetterSequences {

    private DeadLetterSequences() {}

    /**
     * The sequence identifier the queue keeps the letter under (for the Mongo queue: what the processing group's
     * sequencing policy gave, e.g. the order id); a letter of another queue is its own sequence, named by its event.
     */
    public static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof MongoDeadLetter<?> mongo) {
            return mongo.sequenceIdentifier();
        }
        return String.valueOf(letter.message().getIdentifier());
    }
}
