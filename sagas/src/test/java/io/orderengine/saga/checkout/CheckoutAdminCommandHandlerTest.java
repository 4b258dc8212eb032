package io.orderengine.saga.checkout;

import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.payment.CheckoutCompensationRequestedEvent;
import io.orderengine.messages.payment.CheckoutRetryRequestedEvent;
import io.orderengine.messages.payment.CompensateCheckoutCommand;
import io.orderengine.messages.payment.RetryCheckoutStepCommand;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.junit.jupiter.api.Test;

class CheckoutAdminCommandHandlerTest {

    private final SimpleEventBus eventBus = SimpleEventBus.builder().build();
    private final List<Object> published = new ArrayList<>();
    private final CheckoutAdminCommandHandler handler = new CheckoutAdminCommandHandler(
            DefaultEventGateway.builder().eventBus(eventBus).build());

    CheckoutAdminCommandHandlerTest() {
        eventBus.subscribe(
                events -> events.stream().map(EventMessage::getPayload).forEach(published::add));
    }

    @Test
    void anAdminRetryBecomesAnEventForTheOrdersCheckout() {
        handler.handle(new RetryCheckoutStepCommand(ORDER_ID, Actor.admin("root"), "gateway is back"));

        assertThat(published)
                .containsExactly(new CheckoutRetryRequestedEvent(ORDER_ID, Actor.admin("root"), "gateway is back"));
    }

    @Test
    void anAdminCompensationBecomesAnEventForTheOrdersCheckout() {
        handler.handle(new CompensateCheckoutCommand(ORDER_ID, Actor.admin("root"), "give up"));

        assertThat(published)
                .containsExactly(new CheckoutCompensationRequestedEvent(ORDER_ID, Actor.admin("root"), "give up"));
    }
}
