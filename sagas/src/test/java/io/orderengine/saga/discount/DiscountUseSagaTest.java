package io.orderengine.saga.discount;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.discount.ConfirmDiscountUseCommand;
import io.orderengine.messages.discount.DiscountId;
import io.orderengine.messages.discount.ReleaseDiscountUseCommand;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.testkit.OrderFixtures;
import java.util.List;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An order's discount use is confirmed when it is paid and released when it is cancelled before, or rejected. */
class DiscountUseSagaTest {

    private static final DiscountId CODE = DiscountId.of("SPRING25");

    private SagaTestFixture<DiscountUseSaga> fixture;
    private StepCommands commands;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(DiscountUseSaga.class);
        commands = new StepCommands(DefaultCommandGateway.builder()
                .commandBus(fixture.getCommandBus())
                .build());
        fixture.registerResource(commands);
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    private static OrderPlacedEvent placedWith(String code) {
        OrderPlacedEvent e = OrderFixtures.aPlacedOrder().build();
        return new OrderPlacedEvent(
                e.orderId(),
                e.orderNumber(),
                e.customer(),
                e.lines(),
                e.totals(),
                e.shippingAddress(),
                e.billingAddress(),
                e.paymentMethod(),
                code,
                e.notes(),
                e.placedAt(),
                e.actor());
    }

    @Test
    void anOrderWithoutACodeEndsAtOnce() {
        OrderPlacedEvent placed = placedWith(null);
        fixture.givenNoPriorActivity()
                .whenPublishingA(placed)
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aPaidOrderConfirmsItsUse() {
        OrderPlacedEvent placed = placedWith("spring25");
        fixture.givenAPublished(placed)
                .whenPublishingA(OrderFixtures.confirmed(placed))
                .expectDispatchedCommands(new ConfirmDiscountUseCommand(CODE, placed.orderId()))
                .expectActiveSagas(0);
    }

    @Test
    void anOrderCancelledBeforePaymentGivesItsUseBack() {
        OrderPlacedEvent placed = placedWith("SPRING25");
        fixture.givenAPublished(placed)
                .whenPublishingA(new OrderCancelledEvent(
                        placed.orderId(),
                        OrderStatus.AWAITING_PAYMENT,
                        Actor.customer("alice"),
                        "changed my mind",
                        Money.zero("EUR"),
                        false))
                .expectDispatchedCommands(new ReleaseDiscountUseCommand(CODE, placed.orderId(), "order cancelled"))
                .expectActiveSagas(0);
    }

    @Test
    void aRejectedOrderGivesItsUseBack() {
        OrderPlacedEvent placed = placedWith("SPRING25");
        fixture.givenAPublished(placed)
                .whenPublishingA(new OrderRejectedEvent(
                        placed.orderId(),
                        OrderStatus.PENDING,
                        List.of(),
                        Actor.system("checkout-saga"),
                        "out of stock"))
                .expectDispatchedCommands(new ReleaseDiscountUseCommand(CODE, placed.orderId(), "order rejected"))
                .expectActiveSagas(0);
    }

    @Test
    void aCancelAfterPaymentNoLongerReachesTheSaga() {
        OrderPlacedEvent placed = placedWith("SPRING25");
        fixture.givenAPublished(placed)
                .andThenAPublished(OrderFixtures.confirmed(placed))
                .whenPublishingA(new OrderCancelledEvent(
                        placed.orderId(),
                        OrderStatus.CONFIRMED,
                        Actor.admin("admin"),
                        "out of business",
                        Money.of(100, "EUR"),
                        false))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }
}
