package io.orderengine.command.order;

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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.orderengine.command.order.OrderFixtures.CAPTURE_REF;
import static io.orderengine.command.order.OrderFixtures.MUG;
import static io.orderengine.command.order.OrderFixtures.ORDER_ID;
import static io.orderengine.command.order.OrderFixtures.PAYMENT_REF;
import static io.orderengine.command.order.OrderFixtures.SAGA;
import static io.orderengine.command.order.OrderFixtures.SANDBOX_ACTION;
import static io.orderengine.command.order.OrderFixtures.TOTAL;
import static io.orderengine.command.order.OrderFixtures.TSHIRT;
import static io.orderengine.command.order.OrderFixtures.aPlacedOrder;
import static io.orderengine.command.order.OrderFixtures.anOrderIn;
import static io.orderengine.command.order.OrderFixtures.eur;
import static io.orderengine.command.order.OrderFixtures.orderFixture;

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

            fixture.given(aPlacedOrder().events())
                    .when(new RejectOrderCommand(ORDER_ID, missing))
                    .expectEvents(new OrderRejectedEvent(ORDER_ID, OrderStatus.PENDING, missing, SAGA,
                            "out of stock: TSHIRT-RED-M (asked 2, 1 available), MUG-BLUE (asked 1, 0 available)"));
        }

        @Test
        void aRejectionWithoutShortSkusSaysOutOfStock() {
            fixture.given(aPlacedOrder().events())
                    .when(new RejectOrderCommand(ORDER_ID, null))
                    .expectEvents(new OrderRejectedEvent(ORDER_ID, OrderStatus.PENDING, List.of(), SAGA,
                            "out of stock"));
        }

        @Test
        void aRepeatedRejectionChangesNothing() {
            fixture.given(aPlacedOrder().rejected().events())
                    .when(new RejectOrderCommand(ORDER_ID, List.of(new ShortSku(TSHIRT, 2, 1))))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToRejectAnOrderAlreadyWaitingForPayment() {
            fixture.given(aPlacedOrder().awaitingPayment().events())
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
            fixture.given(aPlacedOrder().events())
                    .when(awaitPayment(PAYMENT_REF))
                    .expectEvents(new OrderAwaitingPaymentEvent(ORDER_ID, OrderStatus.PENDING, PaymentMethod.SANDBOX,
                            PAYMENT_REF, SANDBOX_ACTION, SAGA, "waiting for sandbox payment"));
        }

        @Test
        void neverPutsAClientSecretIntoTheEvent() {
            PaymentAction withSecret = new PaymentAction("stripe", null, "pi_1_secret_2");

            fixture.given(aPlacedOrder().events())
                    .when(new AwaitPaymentCommand(ORDER_ID, PaymentMethod.STRIPE, "pi_1", withSecret))
                    .expectEvents(new OrderAwaitingPaymentEvent(ORDER_ID, OrderStatus.PENDING, PaymentMethod.STRIPE,
                            "pi_1", new PaymentAction("stripe", null, null), SAGA, "waiting for stripe payment"));
        }

        @Test
        void aRepeatedAwaitPaymentWithTheSameReferenceChangesNothing() {
            fixture.given(aPlacedOrder().awaitingPayment().events())
                    .when(awaitPayment(PAYMENT_REF))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aLateAwaitPaymentWithTheRecordedReferenceChangesNothingEvenAfterConfirmation() {
            fixture.given(aPlacedOrder().awaitingPayment().confirmed().events())
                    .when(awaitPayment(PAYMENT_REF))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesASecondPaymentReferenceWhileAwaitingPayment() {
            fixture.given(aPlacedOrder().awaitingPayment().events())
                    .when(awaitPayment("sbx_pay_2"))
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is AWAITING_PAYMENT; cannot move to AWAITING_PAYMENT");
        }

        @Test
        void refusesToAwaitPaymentForACancelledOrder() {
            fixture.given(aPlacedOrder().cancelledBy(SAGA).events())
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
            fixture.given(aPlacedOrder().awaitingPayment().events())
                    .when(authorization)
                    .expectEvents(new PaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL,
                            "visa", "4242"));
        }

        @Test
        void recordsAnAuthorizationAfterAnEarlierFailure() {
            fixture.given(aPlacedOrder().awaitingPayment().paymentFailed().events())
                    .when(authorization)
                    .expectEvents(new PaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL,
                            "visa", "4242"));
        }

        @Test
        void aRepeatedAuthorizationChangesNothing() {
            fixture.given(aPlacedOrder().awaitingPayment().authorized().events())
                    .when(authorization)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anAuthorizationArrivingAfterCaptureChangesNothing() {
            fixture.given(aPlacedOrder().awaitingPayment().authorized().confirmed().events())
                    .when(authorization)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnAuthorizedAmountInAnotherCurrency() {
            fixture.given(aPlacedOrder().awaitingPayment().events())
                    .when(new RecordPaymentAuthorizationCommand(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF,
                            Money.of(6490, "USD"), "visa", "4242"))
                    .expectNoEvents()
                    .expectException(CurrencyMismatchException.class);
        }
    }

    @Nested
    class PaymentFailure {

        @Test
        void recordsAFailedPayment() {
            fixture.given(aPlacedOrder().awaitingPayment().events())
                    .when(new RecordPaymentFailureCommand(ORDER_ID, "card declined"))
                    .expectEvents(new PaymentFailedEvent(ORDER_ID, "card declined"));
        }

        @Test
        void recordsAFailureAfterAnAuthorization() {
            fixture.given(aPlacedOrder().awaitingPayment().authorized().events())
                    .when(new RecordPaymentFailureCommand(ORDER_ID, "authorization expired"))
                    .expectEvents(new PaymentFailedEvent(ORDER_ID, "authorization expired"));
        }

        @Test
        void aRepeatedFailureChangesNothing() {
            fixture.given(aPlacedOrder().awaitingPayment().paymentFailed().events())
                    .when(new RecordPaymentFailureCommand(ORDER_ID, "card declined"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAFailureOnceTheMoneyWasCaptured() {
            fixture.given(aPlacedOrder().awaitingPayment().confirmed().events())
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
            fixture.given(aPlacedOrder().awaitingPayment().authorized().events())
                    .when(confirm())
                    .expectEvents(new OrderConfirmedEvent(ORDER_ID, OrderStatus.AWAITING_PAYMENT, PaymentMethod.SANDBOX,
                            CAPTURE_REF, TOTAL, SAGA, "paid"));
        }

        @Test
        void aRepeatedConfirmationChangesNothing() {
            fixture.given(aPlacedOrder().awaitingPayment().confirmed().events())
                    .when(confirm())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"PROCESSING", "SHIPPED", "DELIVERED", "RETURNED"})
        void aLateConfirmationOfAnOrderAlreadyInFulfilmentChangesNothing(OrderStatus status) {
            fixture.given(anOrderIn(status).events())
                    .when(confirm())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aLateConfirmationOfAPaidOrderCancelledSinceChangesNothing() {
            fixture.given(aPlacedOrder().awaitingPayment().confirmed().cancelledBy(OrderFixtures.ADMIN).events())
                    .when(confirm())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToConfirmAnOrderThatNeverWaitedForPayment() {
            fixture.given(aPlacedOrder().events())
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is PENDING; cannot move to CONFIRMED");
        }

        @Test
        void refusesToConfirmACancelledOrder() {
            fixture.given(aPlacedOrder().awaitingPayment().cancelledBy(SAGA).events())
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is CANCELLED; cannot move to CONFIRMED");
        }

        @Test
        void refusesACapturedAmountInAnotherCurrency() {
            fixture.given(aPlacedOrder().awaitingPayment().events())
                    .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, Money.of(6490, "USD")))
                    .expectNoEvents()
                    .expectException(CurrencyMismatchException.class)
                    .expectExceptionMessage("captured amount 6490 USD is not in the order's currency EUR");
        }

        @Test
        void refusesAConfirmationWithoutACapturedAmount() {
            fixture.given(aPlacedOrder().awaitingPayment().events())
                    .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, null))
                    .expectNoEvents()
                    .expectException(IllegalArgumentException.class);
        }

        @Test
        void confirmsWithThePartialAmountTheGatewayCaptured() {
            fixture.given(aPlacedOrder().awaitingPayment().events())
                    .when(new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REF, eur(6000)))
                    .expectEvents(new OrderConfirmedEvent(ORDER_ID, OrderStatus.AWAITING_PAYMENT, PaymentMethod.SANDBOX,
                            CAPTURE_REF, eur(6000), SAGA, "paid"));
        }
    }
}
