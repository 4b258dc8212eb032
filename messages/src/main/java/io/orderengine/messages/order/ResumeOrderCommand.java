package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin (or the saga after a successful retry) takes the order out of ATTENTION back to the status it had. A no-op when the order is not in ATTENTION and the actor is the engine. */
public record ResumeOrderCommand(@TargetAggregateIdentifier OrderId orderId, Actor actor, String note) {}
