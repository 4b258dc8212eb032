package io.orderengine.saga.edit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.EditStockHeldEvent;
import io.orderengine.messages.order.EditStockHoldReleasedEvent;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.ReleaseEditStockHoldCommand;
import io.orderengine.messages.sku.UndoOrderStockChangeCommand;
import io.orderengine.saga.commands.StepCommands;
import java.time.Instant;
import java.util.Comparator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stock one attempt to record an order edit took (a hold, recorded on the order before the first unit was taken),
 * given back unless the edit is recorded with it. One saga per hold:
 *
 * <table>
 *   <caption>steps</caption>
 *   <tr><th>event</th><th>step</th><th>next</th></tr>
 *   <tr><td>{@code EditStockHeldEvent}</td><td>a deadline, {@code engine.orders.edit-stock-hold} after the hold
 *       (longer than any request takes)</td><td>wait</td></tr>
 *   <tr><td>{@code OrderEditedEvent} with the hold</td><td>drop the deadline: the units are the order's</td>
 *       <td>end</td></tr>
 *   <tr><td>the deadline</td><td>{@code ReleaseEditStockHoldCommand}: the attempt died before the edit was
 *       recorded</td><td>wait for the release; when the order refuses it (the edit was recorded with the hold
 *       meanwhile) end</td></tr>
 *   <tr><td>{@code EditStockHoldReleasedEvent} (by the deadline, or by the attempt itself when it failed)</td>
 *       <td>undo the hold's stock change on each SKU ({@code UndoOrderStockChangeCommand}: units taken go back, a take
 *       still on its way is voided)</td><td>end</td></tr>
 * </table>
 *
 * The order decides between recording and releasing, in its event order, so a recorded edit keeps its units; the
 * SKUs undo a change once, so the attempt's own give-back and this saga's never add up. The deadline lives in the
 * engine's deadline store: it survives a restart and fires on one instance.
 */
@Saga
@ProcessingGroup(EditBalanceSaga.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class EditStockHoldSaga {

    static final String DEADLINE = "edit-stock-hold-deadline";

    private static final Logger log = LoggerFactory.getLogger(EditStockHoldSaga.class);

    @Autowired
    private transient StepCommands commands;

    @Autowired
    private transient DeadlineManager deadlineManager;

    @Autowired
    private transient EditStockPolicy policy;

    private OrderId orderId;
    private String holdId;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = "holdId")
    public void on(EditStockHeldEvent event, @Timestamp Instant heldAt) {
        if (holdId != null) {
            return; // handled again after a crash: the deadline is scheduled
        }
        orderId = event.orderId();
        holdId = event.holdId();
        deadlineId = deadlineManager.schedule(heldAt.plus(policy.holdTimeout()), DEADLINE);
    }

    @SagaEventHandler(associationProperty = "holdId")
    public void on(OrderEditedEvent event) {
        cancelDeadline();
        SagaLifecycle.end();
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void onDeadline() {
        deadlineId = null;
        StepCommands.Outcome outcome = commands.send(
                new ReleaseEditStockHoldCommand(orderId, holdId, "edit not recorded within " + policy.holdTimeout()));
        if (outcome.refused()) {
            log.info(
                    "order {}: edit stock hold {} kept: {}",
                    orderId,
                    holdId,
                    outcome.refusal().getMessage());
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = "holdId")
    public void on(EditStockHoldReleasedEvent event) {
        cancelDeadline();
        event.lines().stream()
                .map(EditedLine::sku)
                .distinct()
                .sorted(Comparator.comparing(sku -> sku.value()))
                .forEach(sku -> {
                    StepCommands.Outcome outcome = commands.send(new UndoOrderStockChangeCommand(
                            sku, event.orderId(), event.holdId(), "order edit " + event.editId() + " not recorded"));
                    if (outcome.refused()) {
                        log.warn(
                                "order {}: stock of {} held by {} not given back: {}",
                                orderId,
                                sku,
                                holdId,
                                outcome.refusal().getMessage());
                    }
                });
        SagaLifecycle.end();
    }

    private void cancelDeadline() {
        if (deadlineId != null) {
            deadlineManager.cancelSchedule(DEADLINE, deadlineId);
            deadlineId = null;
        }
    }
}
