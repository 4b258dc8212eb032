package io.orderengine.saga.checkout;

import io.orderengine.messages.payment.CheckoutCompensationRequestedEvent;
import io.orderengine.messages.payment.CheckoutRetryRequestedEvent;
import io.orderengine.messages.payment.CompensateCheckoutCommand;
import io.orderengine.messages.payment.RetryCheckoutStepCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * An admin's requests to a stuck checkout ({@code POST /api/v1/admin/sagas/{orderId}/retry|compensate}) become
 * events in the event store, which the order's {@link CheckoutSaga} handles: so the request is recorded, and it
 * reaches the saga however its event processor is running.
 */
public class CheckoutAdminCommandHandler {

    private final EventGateway eventGateway;

    public CheckoutAdminCommandHandler(EventGateway eventGateway) {
        this.eventGateway = eventGateway;
    }

    @CommandHandler
    public void handle(RetryCheckoutStepCommand command) {
        eventGateway.publish(new CheckoutRetryRequestedEvent(command.orderId(), command.actor(), command.note()));
    }

    @CommandHandler
    public void handle(CompensateCheckoutCommand command) {
        eventGateway.publish(
                new CheckoutCompensationRequestedEvent(command.orderId(), command.actor(), command.reason()));
    }
}
