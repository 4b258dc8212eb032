package io.orderengine.command.order;

import static io.orderengine.messages.order.OrderStatus.DELIVERED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_RETURNED;
import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.messages.order.OrderStatus.RETURNED;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.CUSTOMER;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.PAYMENT_REF;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static io.orderengine.testkit.OrderFixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.order.OrderPartiallyReturnedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.ReceiveReturnCommand;
import io.orderengine.messages.order.ReceivedLine;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RejectReturnCommand;
import io.orderengine.messages.order.RequestReturnCommand;
import io.orderengine.messages.order.ReturnEverythingCommand;
import io.orderengine.messages.order.ReturnLine;
import io.orderengine.messages.order.ReturnReceivedEvent;
import io.orderengine.messages.order.ReturnRefundedEvent;
import io.orderengine.messages.order.ReturnRejectedEvent;
import io.orderengine.messages.order.ReturnRequestedEvent;
import io.orderengine.messages.order.ReturnStatus;
import io.orderengine.testkit.OrderHistory;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer sends T-shirts of the delivered order back (2 × 25.00 EUR, shipping 5.00, tax 9.90: 64.90 EUR paid);
 * an admin receives or rejects the return, and the order works the refund out: 29.95 EUR a T-shirt.
 */
class OrderReturnsTest {

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = OrderAggregateFixture.orderFixture();
    }

    /** Both T-shirts shipped as S1, which arrived. */
    private static OrderHistory aDeliveredOrder() {
        return anOrderIn(PROCESSING)
                .shipment("S1", 2, true)
                .shipmentDelivered("S1")
                .delivered();
    }

    private static RequestReturnCommand returnOf(int tshirts) {
        return new RequestReturnCommand(
                ORDER_ID, List.of(new ReturnLine(TSHIRT, null, tshirts, "too small")), CUSTOMER);
    }

    private static ReturnRequestedEvent requested(String returnId, int tshirts) {
        // the owner asked: the event names them, so their reason is stored encrypted
        OrderPlacedEvent placed = (OrderPlacedEvent) aDeliveredOrder().events().get(0);
        return new ReturnRequestedEvent(
                ORDER_ID,
                returnId,
                List.of(new ReturnLine(TSHIRT, "Red T-shirt M", tshirts, "too small")),
                CUSTOMER,
                placed.customer().ifWrittenBy(CUSTOMER));
    }

    private static ReceiveReturnCommand receive(String returnId, boolean refundShipping, ReceivedLine... lines) {
        return new ReceiveReturnCommand(ORDER_ID, returnId, List.of(lines), refundShipping, "checked", ADMIN);
    }

    private static ReceivedLine tshirts(int quantity, boolean restock) {
        return new ReceivedLine(TSHIRT, null, quantity, restock);
    }

    private static ReceivedLine named(ReceivedLine line) {
        return new ReceivedLine(line.sku(), "Red T-shirt M", line.quantity(), line.restock());
    }

    private static RefundRequestedEvent refundAsked(String returnId, long amountMinor) {
        return new RefundRequestedEvent(
                ORDER_ID,
                "return-" + returnId,
                eur(amountMinor),
                PaymentMethod.SANDBOX,
                PAYMENT_REF,
                ADMIN,
                "return " + returnId);
    }

    @Test
    void theOwnerAsksToReturnShippedUnitsAndGetsTheReturnId() {
        fixture.given(aDeliveredOrder().events())
                .when(returnOf(1))
                .expectEvents(requested("R1", 1))
                .expectResultMessagePayload("R1");
    }

    @Test
    void refusesToReturnMoreThanWasShippedAndNotYetReturnedNamingWhatIsLeft() {
        fixture.given(aDeliveredOrder().returnRequested("R1", 1).events())
                .when(returnOf(2))
                .expectNoEvents()
                .expectException(ReturnRefusedException.class)
                .expectExceptionMessage(
                        "cannot return 2 of TSHIRT-RED-M; shipped and not yet returned: 1 × TSHIRT-RED-M");
    }

    @Test
    void rejectedReturnsDoNotCountAgainstWhatIsLeft() {
        fixture.given(aDeliveredOrder().returnRequested("R1", 2).events())
                .andGiven(new ReturnRejectedEvent(ORDER_ID, "R1", "worn", ADMIN))
                .when(returnOf(2))
                .expectEvents(requested("R2", 2));
    }

    @Test
    void refusesASkuTheOrderDoesNotHave() {
        fixture.given(aDeliveredOrder().events())
                .when(new RequestReturnCommand(ORDER_ID, List.of(new ReturnLine(MUG, null, 1, null)), CUSTOMER))
                .expectNoEvents()
                .expectException(ReturnRefusedException.class);
    }

    @Test
    void refusesAReturnBeforeEveryUnitShipped() {
        fixture.given(anOrderIn(PROCESSING).events())
                .when(returnOf(1))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class);
    }

    @Test
    void receivingSomeUnitsRefundsTheirShareAndMakesTheOrderPartiallyReturned() {
        fixture.given(aDeliveredOrder().returnRequested("R1", 1).events())
                .when(receive("R1", false, tshirts(1, true)))
                .expectEvents(
                        new ReturnReceivedEvent(
                                ORDER_ID, "R1", List.of(named(tshirts(1, true))), eur(2995), false, "checked", ADMIN),
                        refundAsked("R1", 2995),
                        new OrderPartiallyReturnedEvent(ORDER_ID, DELIVERED, ADMIN, "units returned"))
                .expectState(order -> assertThat(order).extracting("status").isEqualTo(PARTIALLY_RETURNED));
    }

    @Test
    void theLastUnitsBackMakeTheOrderReturnedAndEveryReturnTogetherRefundsTotalMinusShipping() {
        fixture.given(aDeliveredOrder()
                        .returnRequested("R1", 1)
                        .returnReceived("R1", 1, true, 2995, false)
                        .returnRequested("R2", 1)
                        .events())
                .when(receive("R2", false, tshirts(1, false)))
                .expectEvents(
                        new ReturnReceivedEvent(
                                ORDER_ID, "R2", List.of(named(tshirts(1, false))), eur(2995), false, "checked", ADMIN),
                        refundAsked("R2", 2995),
                        new OrderReturnedEvent(ORDER_ID, PARTIALLY_RETURNED, ADMIN, "every unit returned"))
                .expectState(order -> assertThat(order).extracting("status").isEqualTo(RETURNED));
    }

    @Test
    void shippingIsRefundedOnceWhenAsked() {
        fixture.given(aDeliveredOrder().returnRequested("R1", 1).events())
                .when(receive("R1", true, tshirts(1, true)))
                .expectEvents(
                        new ReturnReceivedEvent(
                                ORDER_ID, "R1", List.of(named(tshirts(1, true))), eur(3495), true, "checked", ADMIN),
                        refundAsked("R1", 3495),
                        new OrderPartiallyReturnedEvent(ORDER_ID, DELIVERED, ADMIN, "units returned"));
    }

    @Test
    void theRefundNeverExceedsWhatIsLeftCaptured() {
        fixture.given(aDeliveredOrder()
                        .refundRequested("goodwill", 6000)
                        .returnRequested("R1", 2)
                        .events())
                .when(receive("R1", false, tshirts(2, true)))
                .expectEvents(
                        new ReturnReceivedEvent(
                                ORDER_ID, "R1", List.of(named(tshirts(2, true))), eur(490), false, "checked", ADMIN),
                        refundAsked("R1", 490),
                        new OrderReturnedEvent(ORDER_ID, DELIVERED, ADMIN, "every unit returned"));
    }

    @Test
    void refusesToReceiveMoreThanTheReturnAskedFor() {
        fixture.given(aDeliveredOrder().returnRequested("R1", 1).events())
                .when(receive("R1", false, tshirts(2, true)))
                .expectNoEvents()
                .expectException(ReturnRefusedException.class)
                .expectExceptionMessage("cannot receive 2 of TSHIRT-RED-M for return R1: it asked for 1");
    }

    @Test
    void refusesToReceiveAReturnTwiceOrAfterItWasRejected() {
        fixture.given(aDeliveredOrder().returnRequested("R1", 1).events())
                .andGiven(new ReturnRejectedEvent(ORDER_ID, "R1", "worn", ADMIN))
                .when(receive("R1", false, tshirts(1, true)))
                .expectNoEvents()
                .expectException(ReturnRefusedException.class)
                .expectExceptionMessage("return R1 is REJECTED; only a REQUESTED return can be received or rejected");
    }

    @Test
    void anAdminRejectsARequestedReturnAndNothingMoves() {
        fixture.given(aDeliveredOrder().returnRequested("R1", 1).events())
                .when(new RejectReturnCommand(ORDER_ID, "R1", "worn", ADMIN))
                .expectEvents(new ReturnRejectedEvent(ORDER_ID, "R1", "worn", ADMIN))
                .expectState(order -> assertThat(order).extracting("status").isEqualTo(DELIVERED));
    }

    @Test
    void theGatewaysRefundOfAReturnMarksTheReturnRefunded() {
        fixture.given(aDeliveredOrder()
                        .returnRequested("R1", 1)
                        .returnReceived("R1", 1, true, 2995, false)
                        .events())
                .when(new RecordRefundCommand(ORDER_ID, "return-R1", "sbx_re_9", eur(2995)))
                .expectEvents(
                        new PaymentRefundedEvent(
                                ORDER_ID,
                                "return-R1",
                                "sbx_re_9",
                                eur(2995),
                                eur(2995),
                                PaymentStatus.PARTIALLY_REFUNDED),
                        new ReturnRefundedEvent(ORDER_ID, "R1", "sbx_re_9", eur(2995)));
    }

    @Test
    void aReturnRefundedAcrossTwoPaymentsStaysReceivedWhileOnlyItsFirstPartCameBack() {
        fixture.given(aDeliveredOrder()
                        .returnRequested("R1", 1)
                        .returnReceived("R1", 1, true, 2995, false)
                        .events())
                .when(new RecordRefundCommand(ORDER_ID, "return-R1", "sbx_re_1", eur(1995)))
                .expectEvents(new PaymentRefundedEvent(
                        ORDER_ID, "return-R1", "sbx_re_1", eur(1995), eur(1995), PaymentStatus.PARTIALLY_REFUNDED))
                .expectState(order -> assertThat(order)
                        .extracting("returns.returns")
                        .asList()
                        .singleElement()
                        .extracting("status", "refunded")
                        .containsExactly(ReturnStatus.RECEIVED, 1995L));
    }

    @Test
    void aReturnRefundedAcrossTwoPaymentsIsRefundedWithItsLastPartForTheWholeAmount() {
        fixture.given(aDeliveredOrder()
                        .returnRequested("R1", 1)
                        .returnReceived("R1", 1, true, 2995, false)
                        .events())
                .andGiven(new PaymentRefundedEvent(
                        ORDER_ID, "return-R1", "sbx_re_1", eur(1995), eur(1995), PaymentStatus.PARTIALLY_REFUNDED))
                .when(new RecordRefundCommand(ORDER_ID, "return-R1", "sbx_re_2", eur(1000)))
                .expectEvents(
                        new PaymentRefundedEvent(
                                ORDER_ID,
                                "return-R1",
                                "sbx_re_2",
                                eur(1000),
                                eur(2995),
                                PaymentStatus.PARTIALLY_REFUNDED),
                        new ReturnRefundedEvent(ORDER_ID, "R1", "sbx_re_2", eur(2995)));
    }

    @Test
    void anAdminsReturnedReturnsEverythingThroughReturnsAndRestocksAsChosen() {
        fixture.given(aDeliveredOrder().events())
                .when(new ReturnEverythingCommand(ORDER_ID, false, ADMIN, "parcel refused"))
                .expectEvents(
                        new ReturnRequestedEvent(
                                ORDER_ID,
                                "R1",
                                List.of(new ReturnLine(TSHIRT, "Red T-shirt M", 2, "parcel refused")),
                                ADMIN),
                        new ReturnReceivedEvent(
                                ORDER_ID,
                                "R1",
                                List.of(new ReceivedLine(TSHIRT, "Red T-shirt M", 2, false)),
                                eur(5990),
                                false,
                                "parcel refused",
                                ADMIN),
                        refundAsked("R1", 5990),
                        new OrderReturnedEvent(ORDER_ID, DELIVERED, ADMIN, "every unit returned"));
    }
}
