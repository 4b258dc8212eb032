package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Something went wrong that the engine cannot fix on its own (gateway exhausted, dispute, reconciliation difference): the order needs a human. A no-op when already flagged. */
public record FlagOrderForAttentionCommand(
        @TargetAggregateIdentifier OrderId orderId, Actor actor, String reason) {}
