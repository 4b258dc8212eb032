package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.CAPTURE_REF;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.PAYMENT_REF;
import static io.orderengine.testkit.OrderFixtures.SAGA;
import static io.orderengine.testkit.OrderFixtures.SANDBOX_ACTION;
import static io.orderengine.testkit.OrderFixtures.TOTAL;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static io.orderengine.testkit.OrderFixtures.eur;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RejectOrderCommand;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.testkit.OrderFixtures;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The steps the checkout saga drives: reject, await payment, payment authorized or failed, confirm. */
class OrderCheckoutStepsTest {

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    private static AwaitPaymentCommand awaitPayment(String reference) {
        return new AwaitPaymentCommand(ORDER_ID, PaymentMethod.SANDBOX, reference, SANDBOX_ACTION);
    }

    private static ConfirmOrderCommand confirm() {
        return new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, TOTAL);
    }

    @Nested
    class Rejection {

        @Test
        void rejectsAPendingOrderNamingTheShortSkus() {
            List<ShortSku> missing = List.of(new ShortSku(TSHIRT, 2, 1), new ShortSku(MUG, 1, 0));

            fixture.given(aPlacedOrderHistory().events())
                    .when(new RejectOrderCommand(ORDER_ID, missing))
                    .expectEvents(new OrderRejectedEvent(
                            ORDER_ID,
                            OrderStatus.PENDING,
                            missing,
                            SAGA,
                            "out of stock: TSHIRT-RED-M (asked 2, 1 available), MUG-BLUE (asked 1, 0 available)"));
        }

        @Test
        void aRejectionWithoutShortSkusSaysOutOfStock() {
            fixture.given(aPlacedOrderHistory().events())
                    .when(new RejectOrderCommand(ORDER_ID, null))
                    .expectEvents(
                            new OrderRejectedEvent(ORDER_ID, OrderStatus.PENDING, List.of(), SAGA, "out of stock"));
        }

        @Test
        void aRepeatedRejectionChangesNothing() {
            fixture.given(aPlacedOrderHistory().rejected().events())
                    .when(new RejectOrderCommand(ORDER_ID, List.of(new ShortSku(TSHIRT, 2, 1))))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToRejectAnOrderAlreadyWaitingForPayment() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(new RejectOrderCommand(ORDER_ID, List.of()))
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is AWAITING_PAYMENT; cannot move to REJECTED");
        }
    }

    @Nested
    class AwaitingPayment {

        @Test
        void waitsForPaymentOnceStockIsReserved() {
            fixture.given(aPlacedOrderHistory().events())
                    .when(awaitPayment(PAYMENT_REF))
                    .expectEvents(new OrderAwaitingPaymentEvent(
                            ORDER_ID,
                            OrderStatus.PENDING,
                            PaymentMethod.SANDBOX,
                            PAYMENT_REF,
                            SANDBOX_ACTION,
                            SAGA,
                            "waiting for sandbox payment"));
        }

        @Test
        void neverPutsAClientSecretIntoTheEvent() {
            PaymentAction withSecret = new PaymentAction("stripe", null, "pi_1_secret_2");

            fixture.given(aPlacedOrderHistory().events())
                    .when(new AwaitPaymentCommand(ORDER_ID, PaymentMethod.STRIPE, "pi_1", withSecret))
                    .expectEvents(new OrderAwaitingPaymentEvent(
                            ORDER_ID,
                            OrderStatus.PENDING,
                            PaymentMethod.STRIPE,
                            "pi_1",
                            new PaymentAction("stripe", null, null),
                            SAGA,
                            "waiting for stripe payment"));
        }

        @Test
        void aRepeatedAwaitPaymentWithTheSameReferenceChangesNothing() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(awaitPayment(PAYMENT_REF))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aLateAwaitPaymentWithTheRecordedReferenceChangesNothingEvenAfterConfirmation() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().confirmed().events())
                    .when(awaitPayment(PAYMENT_REF))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesASecondPaymentReferenceWhileAwaitingPayment() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(awaitPayment("sbx_pay_2"))
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is AWAITING_PAYMENT; cannot move to AWAITING_PAYMENT");
        }

        @Test
        void refusesToAwaitPaymentForACancelledOrder() {
            fixture.given(aPlacedOrderHistory().cancelledBy(SAGA).events())
                    .when(awaitPayment(PAYMENT_REF))
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is CANCELLED; cannot move to AWAITING_PAYMENT");
        }
    }

    @Nested
    class PaymentAuthorization {

        private final RecordPaymentAuthorizationCommand authorization = new RecordPaymentAuthorizationCommand(
                ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL, "visa", "4242");

        @Test
        void recordsTheAuthorizationWithBrandAndLastFourOnly() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(authorization)
                    .expectEvents(new PaymentAuthorizedEvent(
                            ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL, "visa", "4242"));
        }

        @Test
        void recordsAnAuthorizationAfterAnEarlierFailure() {
            fixture.given(aPlacedOrderHistory()
                            .awaitingPayment()
                            .paymentFailed()
                            .events())
                    .when(authorization)
                    .expectEvents(new PaymentAuthorizedEvent(
                            ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL, "visa", "4242"));
        }

        @Test
        void aRepeatedAuthorizationChangesNothing() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().authorized().events())
                    .when(authorization)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anAuthorizationArrivingAfterCaptureChangesNothing() {
            fixture.given(aPlacedOrderHistory()
                            .awaitingPayment()
                            .authorized()
                            .confirmed()
                            .events())
                    .when(authorization)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnAuthorizedAmountInAnotherCurrency() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(new RecordPaymentAuthorizationCommand(
                            ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, Money.of(6490, "USD"), "visa", "4242"))
                    .expectNoEvents()
                    .expectException(CurrencyMismatchException.class);
        }
    }

    @Nested
    class PaymentFailure {

        @Test
        void recordsAFailedPayment() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(new RecordPaymentFailureCommand(ORDER_ID, "card declined"))
                    .expectEvents(new PaymentFailedEvent(ORDER_ID, "card declined"));
        }

        @Test
        void recordsAFailureAfterAnAuthorization() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().authorized().events())
                    .when(new RecordPaymentFailureCommand(ORDER_ID, "authorization expired"))
                    .expectEvents(new PaymentFailedEvent(ORDER_ID, "authorization expired"));
        }

        @Test
        void aRepeatedFailureChangesNothing() {
            fixture.given(aPlacedOrderHistory()
                            .awaitingPayment()
                            .paymentFailed()
                            .events())
                    .when(new RecordPaymentFailureCommand(ORDER_ID, "card declined"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAFailureOnceTheMoneyWasCaptured() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().confirmed().events())
                    .when(new RecordPaymentFailureCommand(ORDER_ID, "card declined"))
                    .expectNoEvents()
                    .expectException(IllegalPaymentTransitionException.class)
                    .expectExceptionMessage("payment is " + PaymentStatus.PAID + "; cannot move to FAILED");
        }
    }

    @Nested
    class Confirmation {

        @Test
        void confirmsAnOrderWhosePaymentWasCaptured() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().authorized().events())
                    .when(confirm())
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
        void aRepeatedConfirmationChangesNothing() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().confirmed().events())
                    .when(confirm())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"PROCESSING", "SHIPPED", "DELIVERED", "RETURNED"})
        void aLateConfirmationOfAnOrderAlreadyInFulfilmentChangesNothing(OrderStatus status) {
            fixture.given(anOrderIn(status).events())
                    .when(confirm())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aLateConfirmationOfAPaidOrderCancelledSinceChangesNothing() {
            fixture.given(aPlacedOrderHistory()
                            .awaitingPayment()
                            .confirmed()
                            .cancelledBy(OrderFixtures.ADMIN)
                            .events())
                    .when(confirm())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToConfirmAnOrderThatNeverWaitedForPayment() {
            fixture.given(aPlacedOrderHistory().events())
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is PENDING; cannot move to CONFIRMED");
        }

        @Test
        void refusesToConfirmACancelledOrder() {
            fixture.given(aPlacedOrderHistory()
                            .awaitingPayment()
                            .cancelledBy(SAGA)
                            .events())
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is CANCELLED; cannot move to CONFIRMED");
        }

        @Test
        void refusesACapturedAmountInAnotherCurrency() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, Money.of(6490, "USD")))
                    .expectNoEvents()
                    .expectException(CurrencyMismatchException.class)
                    .expectExceptionMessage("captured amount 6490 USD is not in the order's currency EUR");
        }

        @Test
        void refusesAConfirmationWithoutACapturedAmount() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, null))
                    .expectNoEvents()
                    .expectException(IllegalArgumentException.class);
        }

        @Test
        void confirmsWithThePartialAmountTheGatewayCaptured() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, eur(6000)))
                    .expectEvents(new OrderConfirmedEvent(
                            ORDER_ID,
                            OrderStatus.AWAITING_PAYMENT,
                            PaymentMethod.SANDBOX,
                            CAPTURE_REF,
                            eur(6000),
                            SAGA,
                            "paid"));
        }
    }
}
