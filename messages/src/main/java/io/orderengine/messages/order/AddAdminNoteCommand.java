package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin writes a note on the order. */
public record AddAdminNoteCommand(@TargetAggregateIdentifier OrderId orderId, Actor actor, String note) {
    public AddAdminNoteCommand {
        if (note == null || note.isBlank()) throw new IllegalArgumentException("note is required");
    }
}
