package io.orderengine.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderengine.messages.order.EditStockHeldEvent;
import io.orderengine.messages.order.EditStockHoldReleasedEvent;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.HoldEditStockCommand;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.ReleaseEditStockHoldCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The stock an attempt to record an edit takes before the order records it: a hold, recorded before the first unit
 * is taken. An entity of {@link OrderEdits}, which asks it whether an edit may be recorded with a hold. The rules:
 * <ul>
 *   <li>a hold is OPEN until the edit is recorded with it (USED: the units are the order's) or it is released
 *       (RELEASED: its units go back, and the edit can no longer be recorded with it);
 *   <li>a used hold cannot be released; holding or releasing again changes nothing.
 * </ul>
 * The order's event order decides between the two, so the units of a recorded edit are never given back and the
 * units of an attempt that was not recorded always are (the edit-stock saga releases a hold left open too long).
 */
final class EditStockHolds {

    enum State {
        OPEN,
        USED,
        RELEASED
    }

    record Hold(String editId, List<EditedLine> lines, State state) {}

    private Map<String, Hold> holds = new HashMap<>();

    @CommandHandler
    void handle(HoldEditStockCommand command) {
        if (!holds.containsKey(command.holdId())) {
            apply(new EditStockHeldEvent(command.orderId(), command.editId(), command.holdId(), command.lines()));
        }
    }

    @CommandHandler
    void handle(ReleaseEditStockHoldCommand command) {
        Hold hold = holds.get(command.holdId());
        if (hold == null) {
            throw new InvalidOrderEditException("order has no edit stock hold " + command.holdId());
        }
        if (hold.state() == State.USED) {
            throw OrderEditRefusedException.holdUsed(command.holdId(), hold.editId());
        }
        if (hold.state() == State.OPEN) {
            apply(new EditStockHoldReleasedEvent(
                    command.orderId(), hold.editId(), command.holdId(), hold.lines(), command.reason()));
        }
    }

    /** Refuses an edit to be recorded with a hold that is unknown or no longer open; no hold (null) is fine. */
    void requireOpen(String holdId) {
        Hold hold = holdId == null ? null : holds.get(holdId);
        if (holdId != null && (hold == null || hold.state() != State.OPEN)) {
            throw OrderEditRefusedException.holdNotOpen(holdId);
        }
    }

    @EventSourcingHandler
    void on(EditStockHeldEvent event) {
        holds.put(event.holdId(), new Hold(event.editId(), event.lines(), State.OPEN));
    }

    @EventSourcingHandler
    void on(EditStockHoldReleasedEvent event) {
        holds.computeIfPresent(event.holdId(), (id, hold) -> new Hold(hold.editId(), hold.lines(), State.RELEASED));
    }

    @EventSourcingHandler
    void on(OrderEditedEvent event) {
        if (event.holdId() != null) {
            holds.computeIfPresent(event.holdId(), (id, hold) -> new Hold(hold.editId(), hold.lines(), State.USED));
        }
    }
}
