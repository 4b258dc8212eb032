package io.orderengine.saga.returns;

import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.ReceivedLine;
import io.orderengine.messages.order.ReturnReceivedEvent;
import io.orderengine.messages.sku.RestockReturnedUnitsCommand;
import io.orderengine.saga.commands.StepCommands;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the units of a received return that were marked {@code restock} back on hand, one command per SKU (in SKU code
 * order). Each SKU restocks a return once, so an event handled again after a crash changes nothing; the refund of the
 * return is the checkout saga's (it follows the order's refund request). Never replayed.
 */
@Component
@ProcessingGroup(ReturnRestocking.PROCESSING_GROUP)
public class ReturnRestocking {

    /** The event processor this handler runs in. */
    public static final String PROCESSING_GROUP = "returns";

    private static final Logger log = LoggerFactory.getLogger(ReturnRestocking.class);

    private final StepCommands commands;

    public ReturnRestocking(StepCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(ReturnReceivedEvent event) {
        Map<SkuCode, Integer> units = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        for (ReceivedLine line : event.lines()) {
            if (line.restock()) {
                units.merge(line.sku(), line.quantity(), Integer::sum);
            }
        }
        units.forEach((sku, quantity) -> {
            StepCommands.Outcome outcome = commands.send(new RestockReturnedUnitsCommand(
                    sku, event.orderId(), event.returnId(), quantity, "return " + event.returnId()));
            if (outcome.refused()) {
                log.warn(
                        "return {} of order {}: restocking {} refused: {}",
                        event.returnId(),
                        event.orderId(),
                        sku,
                        outcome.refusal().getMessage());
            }
        });
    }
}
