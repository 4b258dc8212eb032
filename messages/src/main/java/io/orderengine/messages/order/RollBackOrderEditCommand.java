package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Undoes edit {@code editId}, whose balance was not paid: the order gets back the lines, totals and address it had
 * before. A no-op unless the edit still waits for its balance.
 */
public record RollBackOrderEditCommand(
        @TargetAggregateIdentifier OrderId orderId, String editId, String reason, Actor actor) {}
