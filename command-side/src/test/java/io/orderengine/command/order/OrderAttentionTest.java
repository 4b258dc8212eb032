package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.messages.order.OrderStatus.ATTENTION;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.CAPTURE_REF;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.PAYMENT_REF;
import static io.orderengine.testkit.OrderFixtures.SAGA;
import static io.orderengine.testkit.OrderFixtures.SANDBOX_ACTION;
import static io.orderengine.testkit.OrderFixtures.TOTAL;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;

import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderFlaggedForAttentionEvent;
import io.orderengine.messages.order.OrderProcessingStartedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderResumedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RejectOrderCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ATTENTION: a human is needed; the order remembers where it was and may still move on from there. */
class OrderAttentionTest {

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PENDING", "AWAITING_PAYMENT", "CONFIRMED", "PROCESSING", "SHIPPED"})
    void flagsAnyOrderThatHasNotEnded(OrderStatus status) {
        fixture.given(anOrderIn(status).events())
                .when(new FlagOrderForAttentionCommand(ORDER_ID, SAGA, "gateway unreachable"))
                .expectEvents(new OrderFlaggedForAttentionEvent(ORDER_ID, status, SAGA, "gateway unreachable"));
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"DELIVERED", "REJECTED", "CANCELLED", "RETURNED"})
    void refusesToFlagAnOrderThatHasEnded(OrderStatus status) {
        fixture.given(anOrderIn(status).events())
                .when(new FlagOrderForAttentionCommand(ORDER_ID, SAGA, "reconciliation difference"))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is " + status + "; cannot move to ATTENTION");
    }

    @Test
    void aFlagWithoutAnActorIsAttributedToTheCheckoutSaga() {
        fixture.given(aPlacedOrderHistory().events())
                .when(new FlagOrderForAttentionCommand(ORDER_ID, null, "retries exhausted"))
                .expectEvents(new OrderFlaggedForAttentionEvent(
                        ORDER_ID, OrderStatus.PENDING, Order.CHECKOUT, "retries exhausted"));
    }

    @Test
    void flaggingAnOrderAlreadyInAttentionChangesNothing() {
        fixture.given(aPlacedOrderHistory().awaitingPayment().flagged().events())
                .when(new FlagOrderForAttentionCommand(ORDER_ID, SAGA, "still unreachable"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PENDING", "AWAITING_PAYMENT", "CONFIRMED", "PROCESSING", "SHIPPED"})
    void resumesToTheStatusTheOrderHadBefore(OrderStatus status) {
        fixture.given(anOrderIn(status).flagged().events())
                .when(new ResumeOrderCommand(ORDER_ID, ADMIN, "gateway is back"))
                .expectEvents(new OrderResumedEvent(ORDER_ID, ATTENTION, status, ADMIN, "gateway is back"));
    }

    @Test
    void aResumedOrderMovesOnFromTheStatusItReturnedTo() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .flagged()
                        .resumed()
                        .events())
                .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, TOTAL))
                .expectEvents(new OrderConfirmedEvent(
                        ORDER_ID,
                        OrderStatus.AWAITING_PAYMENT,
                        PaymentMethod.SANDBOX,
                        CAPTURE_REF,
                        TOTAL,
                        SAGA,
                        "paid"));
    }

    @Test
    void aResumeFromTheEngineOfAnOrderNotInAttentionChangesNothing() {
        fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                .when(new ResumeOrderCommand(ORDER_ID, SAGA, "retry succeeded"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aResumeWithoutAnActorCountsAsTheEngine() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .flagged()
                        .resumed()
                        .events())
                .when(new ResumeOrderCommand(ORDER_ID, null, "retry succeeded"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAdminCannotResumeAnOrderThatIsNotInAttention() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(new ResumeOrderCommand(ORDER_ID, ADMIN, "resume"))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is CONFIRMED; only an order in ATTENTION can be resumed");
    }

    @Test
    void theSagaMayStillAwaitPaymentForAnOrderFlaggedWhilePending() {
        fixture.given(aPlacedOrderHistory().flagged().events())
                .when(new AwaitPaymentCommand(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, SANDBOX_ACTION))
                .expectEvents(new OrderAwaitingPaymentEvent(
                        ORDER_ID,
                        ATTENTION,
                        PaymentMethod.SANDBOX,
                        PAYMENT_REF,
                        SANDBOX_ACTION,
                        SAGA,
                        "waiting for sandbox payment"));
    }

    @Test
    void theSagaMayStillRejectAnOrderFlaggedWhilePending() {
        fixture.given(aPlacedOrderHistory().flagged().events())
                .when(new RejectOrderCommand(ORDER_ID, List.of()))
                .expectEvents(new OrderRejectedEvent(ORDER_ID, ATTENTION, List.of(), SAGA, "out of stock"));
    }

    @Test
    void theSagaMayStillConfirmAnOrderFlaggedWhileAwaitingPayment() {
        fixture.given(aPlacedOrderHistory().awaitingPayment().flagged().events())
                .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, TOTAL))
                .expectEvents(new OrderConfirmedEvent(
                        ORDER_ID, ATTENTION, PaymentMethod.SANDBOX, CAPTURE_REF, TOTAL, SAGA, "paid"));
    }

    @Test
    void anOrderFlaggedWhilePendingCannotBeConfirmedBecausePendingCouldNot() {
        fixture.given(aPlacedOrderHistory().flagged().events())
                .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, TOTAL))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is ATTENTION; cannot move to CONFIRMED");
    }

    @Test
    void anAdminMayStartProcessingAnOrderFlaggedAfterItWasPaid() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).flagged().events())
                .when(new ChangeFulfilmentStatusCommand(ORDER_ID, OrderStatus.PROCESSING, ADMIN, "checked", null, null))
                .expectEvents(new OrderProcessingStartedEvent(ORDER_ID, ATTENTION, ADMIN, "checked"));
    }
}
