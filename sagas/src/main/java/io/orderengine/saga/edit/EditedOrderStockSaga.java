package io.orderengine.saga.edit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderPartiallyShippedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.saga.commands.StepCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stock of the SKUs that edits added to an order, given back when the order is cancelled. The checkout saga gives
 * back the SKUs the order was placed with (each one's whole holding, so what an edit added to or took from them goes
 * with it); a SKU an edit added is not among them, so this saga (one per order, from its first edit that adds a SKU)
 * restocks it ({@code RestockCommand}, or {@code ReleaseStockCommand} when the order's stock was never committed)
 * with the cancellation, whether the edit's balance was settled or still due. Restocking a holding twice changes
 * nothing, so no unit comes back twice. The saga ends when the order is cancelled or ships (then only returns give
 * stock back), or when no added SKU is left (the edits were rolled back).
 */
@Saga
@ProcessingGroup(EditBalanceSaga.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class EditedOrderStockSaga {

    private static final Logger log = LoggerFactory.getLogger(EditedOrderStockSaga.class);

    @Autowired
    private transient StepCommands commands;

    private OrderId orderId;
    /** The SKUs edits added, in SKU code order. */
    private List<SkuCode> added = new ArrayList<>();

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderEditedEvent event) {
        orderId = event.orderId();
        event.editedLines().stream()
                .filter(line -> line.added() && line.quantityAfter() > 0)
                .map(EditedLine::sku)
                .filter(sku -> !added.contains(sku))
                .forEach(added::add);
        added.sort(Comparator.comparing(SkuCode::value));
        endWhenNothingAdded();
    }

    /** A rolled-back edit takes its added SKUs off the order again (its saga takes their stock back). */
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderEditRolledBackEvent event) {
        event.editedLines().stream()
                .filter(line -> line.quantityAfter() == 0)
                .map(EditedLine::sku)
                .forEach(added::remove);
        endWhenNothingAdded();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderCancelledEvent event) {
        for (SkuCode sku : added) {
            StepCommands.Outcome outcome = commands.send(
                    event.stockCommitted()
                            ? new RestockCommand(sku, event.orderId(), "order cancelled")
                            : new ReleaseStockCommand(sku, event.orderId(), "order cancelled"));
            if (outcome.refused()) {
                log.warn(
                        "order {}: stock of {} added by an edit not given back: {}",
                        event.orderId(),
                        sku,
                        outcome.refusal().getMessage());
            }
        }
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPartiallyShippedEvent event) {
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderShippedEvent event) {
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderDeliveredEvent event) {
        SagaLifecycle.end();
    }

    private void endWhenNothingAdded() {
        if (added.isEmpty()) {
            SagaLifecycle.end();
        }
    }
}
