package io.orderengine.saga.edit;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.saga.commands.StepCommands;
import java.util.Comparator;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives back the units a recorded order edit removed (released, or restocked on hand when the order's stock was
 * sold), one command per SKU in SKU code order, keyed by the edit id. The admin API gives them back at once after
 * recording the edit, with the same commands ({@link #giveBack}); this handler, with its durable token, makes sure
 * they come back when the engine died in between. A SKU applies a change id once, so the two never add up.
 */
@Component
@ProcessingGroup(RemovedEditStock.PROCESSING_GROUP)
public class RemovedEditStock {

    /** The event processor this handler runs in. */
    public static final String PROCESSING_GROUP = "edit-stock";

    private static final Logger log = LoggerFactory.getLogger(RemovedEditStock.class);

    private final StepCommands commands;

    public RemovedEditStock(StepCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(OrderEditedEvent event) {
        for (AdjustOrderStockCommand command : giveBack(event)) {
            StepCommands.Outcome outcome = commands.send(command);
            if (outcome.refused()) {
                log.warn(
                        "edit {} of order {}: units of {} not given back: {}",
                        event.editId(),
                        event.orderId(),
                        command.sku(),
                        outcome.refusal().getMessage());
            }
        }
    }

    /** The commands that give back what {@code edit} removed. */
    public static List<AdjustOrderStockCommand> giveBack(OrderEditedEvent edit) {
        return giveBack(edit.orderId(), edit.editId(), edit.editedLines(), edit.paid());
    }

    /** The same from the edit's lines: {@code sold} says whether the order's stock was sold (its money captured). */
    public static List<AdjustOrderStockCommand> giveBack(
            OrderId orderId, String editId, List<EditedLine> lines, boolean sold) {
        return lines.stream()
                .filter(line -> line.stockDelta() < 0)
                .sorted(Comparator.comparing(line -> line.sku().value()))
                .map(line -> new AdjustOrderStockCommand(
                        line.sku(), orderId, editId, line.stockDelta(), sold, "order edit " + editId))
                .toList();
    }
}
