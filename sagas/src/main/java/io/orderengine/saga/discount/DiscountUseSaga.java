package io.orderengine.saga.discount;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.orderengine.messages.discount.ConfirmDiscountUseCommand;
import io.orderengine.messages.discount.DiscountId;
import io.orderengine.messages.discount.ReleaseDiscountUseCommand;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.saga.commands.StepCommands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The discount code use of one order, from placement until it is paid or given up:
 *
 * <table>
 *   <caption>steps</caption>
 *   <tr><th>order event</th><th>command to the code</th></tr>
 *   <tr><td>{@code OrderPlacedEvent} without a code</td><td>none (the saga ends at once)</td></tr>
 *   <tr><td>{@code OrderConfirmedEvent} (paid)</td><td>{@code ConfirmDiscountUseCommand}: the use counts for good</td></tr>
 *   <tr><td>{@code OrderCancelledEvent} (before it was paid)</td><td>{@code ReleaseDiscountUseCommand}</td></tr>
 *   <tr><td>{@code OrderRejectedEvent} (no stock)</td><td>{@code ReleaseDiscountUseCommand}</td></tr>
 * </table>
 *
 * The use itself was reserved by checkout before the order was placed. A cancel after payment never reaches the
 * saga (it ended with the payment), so a paid order's use is never given back. Both commands are no-ops when
 * repeated, and a code kept only in the pricing configuration has no aggregate: the command is refused as unknown,
 * which ends the saga like any other answer.
 */
@Saga
@ProcessingGroup(DiscountUseSaga.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class DiscountUseSaga {

    /** The event processor the saga runs in. */
    public static final String PROCESSING_GROUP = "discount-uses";

    @Autowired
    private transient StepCommands commands;

    /** The code the order holds a use of. */
    private String discountId;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPlacedEvent event) {
        if (event.discountCode() == null || !DiscountId.isValid(event.discountCode())) {
            SagaLifecycle.end();
            return;
        }
        discountId = DiscountId.of(event.discountCode()).value();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderConfirmedEvent event) {
        commands.send(new ConfirmDiscountUseCommand(new DiscountId(discountId), event.orderId()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderCancelledEvent event) {
        commands.send(new ReleaseDiscountUseCommand(new DiscountId(discountId), event.orderId(), "order cancelled"));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderRejectedEvent event) {
        commands.send(new ReleaseDiscountUseCommand(new DiscountId(discountId), event.orderId(), "order rejected"));
    }
}
