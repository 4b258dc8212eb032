package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.CUSTOMER;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.SAGA;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;

import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.StartPaymentAttemptCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Another payment attempt after a failure: while AWAITING_PAYMENT with the payment FAILED, at most 3 attempts. */
class OrderPaymentAttemptTest {

    private static final PaymentAction STRIPE_ACTION = new PaymentAction("stripe", null, null);

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    private static StartPaymentAttemptCommand retryWith(PaymentMethod method) {
        return new StartPaymentAttemptCommand(ORDER_ID, method, CUSTOMER);
    }

    @Test
    void startsTheSecondAttemptAfterAFailureWithAnotherMethod() {
        fixture.given(aPlacedOrderHistory().awaitingPayment().paymentFailed().events())
                .when(retryWith(PaymentMethod.STRIPE))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2)
                .expectEvents(new PaymentAttemptStartedEvent(ORDER_ID, 2, PaymentMethod.STRIPE, CUSTOMER));
    }

    @Test
    void theNewAttemptsPaymentReplacesTheActionWhileStillAwaitingPayment() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .paymentFailed()
                        .paymentAttemptStarted(2)
                        .events())
                .when(new AwaitPaymentCommand(ORDER_ID, PaymentMethod.STRIPE, "pi_2", STRIPE_ACTION))
                .expectEvents(new OrderAwaitingPaymentEvent(
                        ORDER_ID,
                        OrderStatus.AWAITING_PAYMENT,
                        PaymentMethod.STRIPE,
                        "pi_2",
                        STRIPE_ACTION,
                        SAGA,
                        "waiting for stripe payment (attempt 2)"));
    }

    @Test
    void aFailureOfTheSecondAttemptIsRecordedAgain() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .paymentFailed()
                        .paymentAttemptStarted(2)
                        .events())
                .when(new RecordPaymentFailureCommand(ORDER_ID, "insufficient funds"))
                .expectEvents(new PaymentFailedEvent(ORDER_ID, "insufficient funds"));
    }

    @Test
    void refusesAnAttemptWhileThePaymentHasNotFailed() {
        fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                .when(retryWith(PaymentMethod.SANDBOX))
                .expectNoEvents()
                .expectException(PaymentAttemptNotAllowedException.class)
                .expectExceptionMessage("payment is PENDING; a new attempt needs FAILED");
    }

    @Test
    void refusesAnAttemptWhenTheOrderIsNotAwaitingPayment() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .paymentFailed()
                        .cancelledBy(SAGA)
                        .events())
                .when(retryWith(PaymentMethod.SANDBOX))
                .expectNoEvents()
                .expectException(PaymentAttemptNotAllowedException.class)
                .expectExceptionMessage("order is CANCELLED; a new payment attempt needs AWAITING_PAYMENT");
    }

    @Test
    void refusesAFourthAttempt() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .paymentFailed()
                        .paymentAttemptStarted(2)
                        .paymentFailed()
                        .paymentAttemptStarted(3)
                        .paymentFailed()
                        .events())
                .when(retryWith(PaymentMethod.SANDBOX))
                .expectNoEvents()
                .expectException(PaymentAttemptNotAllowedException.class)
                .expectExceptionMessage("all 3 payment attempts of this order were used");
    }

    @Test
    void aSecondRequestForTheSameAttemptIsRefusedOnceItStarted() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .paymentFailed()
                        .paymentAttemptStarted(2)
                        .events())
                .when(retryWith(PaymentMethod.SANDBOX))
                .expectNoEvents()
                .expectException(PaymentAttemptNotAllowedException.class);
    }
}
