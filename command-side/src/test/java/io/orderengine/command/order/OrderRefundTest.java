package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.PAYMENT_REF;
import static io.orderengine.testkit.OrderFixtures.TOTAL;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static io.orderengine.testkit.OrderFixtures.eur;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RequestRefundCommand;
import io.orderengine.testkit.OrderHistory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Money back: asked for by an admin or the saga, then recorded when the gateway did it. The order paid 64.90 EUR. */
class OrderRefundTest {

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    private static OrderHistory aPaidOrder() {
        return aPlacedOrderHistory().awaitingPayment().authorized().confirmed();
    }

    private static RequestRefundCommand refund(String refundId, Money amount) {
        return new RequestRefundCommand(ORDER_ID, refundId, amount, ADMIN, "damaged");
    }

    private static RefundRequestedEvent requested(String refundId, long amountMinor) {
        return new RefundRequestedEvent(
                ORDER_ID, refundId, eur(amountMinor), PaymentMethod.SANDBOX, PAYMENT_REF, ADMIN, "damaged");
    }

    @Nested
    class Requests {

        @Test
        void refundsEverythingLeftWhenNoAmountIsGiven() {
            fixture.given(aPaidOrder().events()).when(refund("r-1", null)).expectEvents(requested("r-1", 6490));
        }

        @Test
        void refundsPartOfThePayment() {
            fixture.given(aPaidOrder().events()).when(refund("r-1", eur(1000))).expectEvents(requested("r-1", 1000));
        }

        @Test
        void refundsWhatIsLeftAfterEarlierRefundsAndRequests() {
            fixture.given(aPaidOrder()
                            .refunded("r-1", "sbx_re_1", 1000)
                            .refundRequested("r-2", 2000)
                            .events())
                    .when(refund("r-3", null))
                    .expectEvents(requested("r-3", 3490));
        }

        @ParameterizedTest
        @EnumSource(
                value = OrderStatus.class,
                names = {"PROCESSING", "SHIPPED", "DELIVERED", "RETURNED"})
        void refundsAPaidOrderWhereverItIsInFulfilment(OrderStatus status) {
            fixture.given(anOrderIn(status).events())
                    .when(refund("r-1", eur(500)))
                    .expectEvents(requested("r-1", 500));
        }

        @Test
        void refusesMoreThanWasCapturedNamingTheMaximum() {
            fixture.given(aPaidOrder().events())
                    .when(refund("r-1", eur(6491)))
                    .expectNoEvents()
                    .expectException(RefundNotAllowedException.class)
                    .expectExceptionMessage("cannot refund 6491 EUR: at most 6490 EUR can be refunded");
        }

        @Test
        void countsRefundsAlreadyAskedForAgainstTheMaximum() {
            fixture.given(aPaidOrder().refundRequested("r-1", 6000).events())
                    .when(refund("r-2", eur(500)))
                    .expectNoEvents()
                    .expectException(RefundNotAllowedException.class)
                    .expectExceptionMessage("cannot refund 500 EUR: at most 490 EUR can be refunded");
        }

        @Test
        void countsWhatIsStillInFlightOfARefundSplitAcrossPaymentsAfterItsFirstPartCameBack() {
            // a refund split across the order's payment and an edit's balance payment comes back in two parts
            fixture.given(aPaidOrder()
                            .refundRequested("r-1", 6000)
                            .refunded("r-1", "sbx_re_1", 4000)
                            .events())
                    .when(refund("r-2", eur(500)))
                    .expectNoEvents()
                    .expectException(RefundNotAllowedException.class)
                    .expectExceptionMessage("cannot refund 500 EUR: at most 490 EUR can be refunded");
        }

        @Test
        void refusesARefundWhenNothingWasCaptured() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().authorized().events())
                    .when(refund("r-1", null))
                    .expectNoEvents()
                    .expectException(RefundNotAllowedException.class)
                    .expectExceptionMessage("nothing was captured for this order; there is nothing to refund");
        }

        @Test
        void refusesARefundWhenEverythingWasRefunded() {
            fixture.given(aPaidOrder().refunded("r-1", "sbx_re_1", 6490).events())
                    .when(refund("r-2", null))
                    .expectNoEvents()
                    .expectException(RefundNotAllowedException.class)
                    .expectExceptionMessage("everything captured was refunded or is being refunded");
        }

        @Test
        void refusesARefundInAnotherCurrency() {
            fixture.given(aPaidOrder().events())
                    .when(refund("r-1", Money.of(100, "USD")))
                    .expectNoEvents()
                    .expectException(CurrencyMismatchException.class);
        }

        @Test
        void aRefundIdAskedForBeforeChangesNothingSoARetryCannotRefundTwice() {
            fixture.given(aPaidOrder().refundRequested("r-1", 1000).events())
                    .when(refund("r-1", eur(1000)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Records {

        @Test
        void aPartialRefundLeavesThePaymentPartiallyRefunded() {
            fixture.given(aPaidOrder().refundRequested("r-1", 1000).events())
                    .when(new RecordRefundCommand(ORDER_ID, "r-1", "sbx_re_1", eur(1000)))
                    .expectEvents(new PaymentRefundedEvent(
                            ORDER_ID, "r-1", "sbx_re_1", eur(1000), eur(1000), PaymentStatus.PARTIALLY_REFUNDED));
        }

        @Test
        void refundingTheRestLeavesThePaymentRefunded() {
            fixture.given(aPaidOrder().refunded("r-1", "sbx_re_1", 1000).events())
                    .when(new RecordRefundCommand(ORDER_ID, "r-2", "sbx_re_2", eur(5490)))
                    .expectEvents(new PaymentRefundedEvent(
                            ORDER_ID, "r-2", "sbx_re_2", eur(5490), TOTAL, PaymentStatus.REFUNDED));
        }

        @Test
        void recordsARefundMadeAtTheGatewayWithoutARequest() {
            fixture.given(aPaidOrder().events())
                    .when(new RecordRefundCommand(ORDER_ID, null, "re_dashboard", eur(200)))
                    .expectEvents(new PaymentRefundedEvent(
                            ORDER_ID, null, "re_dashboard", eur(200), eur(200), PaymentStatus.PARTIALLY_REFUNDED));
        }

        @Test
        void aRefundReferenceAlreadyRecordedChangesNothing() {
            fixture.given(aPaidOrder().refunded("r-1", "sbx_re_1", 1000).events())
                    .when(new RecordRefundCommand(ORDER_ID, "r-1", "sbx_re_1", eur(1000)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRecordedRefundNoLongerCountsAsAskedFor() {
            fixture.given(aPaidOrder()
                            .refundRequested("r-1", 6000)
                            .refunded("r-1", "sbx_re_1", 6000)
                            .events())
                    .when(refund("r-2", null))
                    .expectEvents(requested("r-2", 490));
        }

        @Test
        void refusesToRecordMoreThanWasCapturedAndNotYetRefunded() {
            fixture.given(aPaidOrder().refunded("r-1", "sbx_re_1", 6000).events())
                    .when(new RecordRefundCommand(ORDER_ID, "r-2", "sbx_re_2", eur(500)))
                    .expectNoEvents()
                    .expectException(RefundNotAllowedException.class)
                    .expectExceptionMessage("cannot record a refund of 500 EUR: at most 490 EUR was captured and not "
                            + "yet refunded");
        }

        @Test
        void refusesToRecordARefundOfAnOrderThatCapturedNothing() {
            fixture.given(aPlacedOrderHistory().awaitingPayment().events())
                    .when(new RecordRefundCommand(ORDER_ID, "r-1", "sbx_re_1", eur(100)))
                    .expectNoEvents()
                    .expectException(RefundNotAllowedException.class);
        }

        @Test
        void refusesARecordedRefundInAnotherCurrency() {
            fixture.given(aPaidOrder().events())
                    .when(new RecordRefundCommand(ORDER_ID, "r-1", "sbx_re_1", Money.of(100, "USD")))
                    .expectNoEvents()
                    .expectException(CurrencyMismatchException.class);
        }

        @Test
        void refusesARecordedRefundWithoutAGatewayReference() {
            fixture.given(aPaidOrder().events())
                    .when(new RecordRefundCommand(ORDER_ID, "r-1", " ", eur(100)))
                    .expectNoEvents()
                    .expectException(IllegalArgumentException.class);
        }
    }
}
