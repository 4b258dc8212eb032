package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.PAYMENT_REF;
import static io.orderengine.testkit.OrderFixtures.SAGA;
import static io.orderengine.testkit.OrderFixtures.SANDBOX_ACTION;
import static io.orderengine.testkit.OrderFixtures.TEL_AVIV;
import static io.orderengine.testkit.OrderFixtures.TOTAL;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static io.orderengine.testkit.OrderFixtures.tshirts;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PreviewOrderEditCommand;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.ReplacedPaymentAuthorizedEvent;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Edits before shipping. The order holds 2 T-shirts at 25.00 EUR to Tel Aviv: 50.00 + 5.00 shipping + 18 % tax =
 * 64.90; the blue mug sells at 12.50 today.
 */
class OrderEditTest {

    private static final Address RIYADH =
            new Address("Alice Cohen", null, "1 King Rd", null, "Riyadh", null, "11564", "SA");

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    private static EditOrderCommand edit(String editId, int expectedVersion, OrderEditChange... changes) {
        return new EditOrderCommand(
                ORDER_ID, editId, expectedVersion, List.of(changes), List.of(mugs(1)), "customer called", ADMIN, null);
    }

    private static OrderTotals totals(long subtotal, long shipping, long tax, long rate) {
        return new OrderTotals(eur(subtotal), eur(0), eur(shipping), eur(tax), eur(subtotal + shipping + tax), rate);
    }

    @Test
    void previewSaysWhatAnEditWouldDoAndChangesNothing() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(new PreviewOrderEditCommand(ORDER_ID, List.of(OrderEditChange.setQuantity(TSHIRT, 1)), List.of()))
                .expectNoEvents()
                .expectResultMessagePayload(new OrderEditPreview(
                        ORDER_ID,
                        2,
                        TOTALS,
                        totals(2500, 500, 540, 1800),
                        eur(-2950),
                        List.of(new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 1)),
                        TEL_AVIV,
                        true));
    }

    @Test
    void swapsUnitsForALineAtTodaysPriceAndRefundsTheLowerTotalInTheSameStep() {
        List<OrderEditChange> changes =
                List.of(OrderEditChange.setQuantity(TSHIRT, 1), OrderEditChange.addLine(MUG, 1));
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(new EditOrderCommand(
                        ORDER_ID, "ed-1", 1, changes, List.of(mugs(1)), "customer called", ADMIN, null))
                .expectEvents(
                        new OrderEditedEvent(
                                ORDER_ID,
                                "ed-1",
                                2,
                                changes,
                                "customer called",
                                List.of(tshirts(1), mugs(1)),
                                List.of(
                                        new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 1),
                                        new EditedLine(MUG, "Blue mug", eur(1250), 0, 1)),
                                TOTALS,
                                totals(3750, 500, 765, 1800),
                                TEL_AVIV,
                                eur(-1475),
                                true,
                                ADMIN,
                                ALICE,
                                null),
                        new RefundRequestedEvent(
                                ORDER_ID,
                                "rf-ed-1",
                                eur(1475),
                                PaymentMethod.SANDBOX,
                                PAYMENT_REF,
                                ADMIN,
                                "order edited to a lower total (ed-1)"));
    }

    @Test
    void neverRefundsMoreThanIsLeftToGiveBack() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED)
                        .refundRequested("r-1", 6000)
                        .events())
                .when(edit("ed-1", 1, OrderEditChange.setQuantity(TSHIRT, 1)))
                .expectEvents(
                        editedTo1Tshirt(),
                        new RefundRequestedEvent(
                                ORDER_ID,
                                "rf-ed-1",
                                eur(490),
                                PaymentMethod.SANDBOX,
                                PAYMENT_REF,
                                ADMIN,
                                "order edited to a lower total (ed-1)"));
    }

    @Test
    void anUnpaidOrderEditedToAnotherTotalIsRecordedWithoutRefundOrBalanceAndAsksNoMoney() {
        List<OrderEditChange> changes =
                List.of(OrderEditChange.setQuantity(TSHIRT, 1), OrderEditChange.addLine(MUG, 1));
        fixture.given(anOrderIn(OrderStatus.AWAITING_PAYMENT).events())
                .when(new EditOrderCommand(
                        ORDER_ID, "ed-1", 1, changes, List.of(mugs(1)), "customer called", ADMIN, null))
                .expectEvents(new OrderEditedEvent(
                        ORDER_ID,
                        "ed-1",
                        2,
                        changes,
                        "customer called",
                        List.of(tshirts(1), mugs(1)),
                        List.of(
                                new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 1),
                                new EditedLine(MUG, "Blue mug", eur(1250), 0, 1)),
                        TOTALS,
                        totals(3750, 500, 765, 1800),
                        TEL_AVIV,
                        eur(-1475),
                        false,
                        ADMIN,
                        ALICE,
                        null))
                .expectResultMessagePayloadMatching(
                        matching(p -> !p.stockSold() && p.balance().equals(eur(-1475))));
    }

    @Test
    void anUnpaidOrderMayBeEditedToAHigherTotal() {
        fixture.given(anOrderIn(OrderStatus.AWAITING_PAYMENT).events())
                .when(edit("ed-1", 1, OrderEditChange.addLine(MUG, 1)))
                .expectEvents(unpaidEditAddingAMug())
                .expectResultMessagePayloadMatching(matching(p -> p.balance().equals(eur(1475))));
    }

    @Test
    void afterAnUnpaidEditTheOrderWaitsForThePaymentOfItsNewTotal() {
        List<Object> history = new java.util.ArrayList<>(
                anOrderIn(OrderStatus.AWAITING_PAYMENT).events());
        history.add(unpaidEditAddingAMug());
        AwaitPaymentCommand replacement =
                new AwaitPaymentCommand(ORDER_ID, PaymentMethod.SANDBOX, "sbx_pay_2", SANDBOX_ACTION);
        fixture.given(history)
                .when(replacement)
                .expectEvents(new OrderAwaitingPaymentEvent(
                        ORDER_ID,
                        OrderStatus.AWAITING_PAYMENT,
                        PaymentMethod.SANDBOX,
                        "sbx_pay_2",
                        SANDBOX_ACTION,
                        SAGA,
                        "waiting for sandbox payment of the edited total"));
        history.add(new OrderAwaitingPaymentEvent(
                ORDER_ID,
                OrderStatus.AWAITING_PAYMENT,
                PaymentMethod.SANDBOX,
                "sbx_pay_2",
                SANDBOX_ACTION,
                SAGA,
                "waiting for sandbox payment of the edited total"));
        fixture.given(history)
                .when(new RecordPaymentAuthorizationCommand(
                        ORDER_ID, PaymentMethod.SANDBOX, "sbx_pay_2", eur(7965), "visa", "4242"))
                .expectEvents(new PaymentAuthorizedEvent(
                        ORDER_ID, PaymentMethod.SANDBOX, "sbx_pay_2", eur(7965), "visa", "4242"));
        // without an edit the order does not wait for another payment of the same attempt
        fixture.given(anOrderIn(OrderStatus.AWAITING_PAYMENT).events())
                .when(replacement)
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class);
    }

    @Test
    void anAuthorizationOfThePaymentAnEditReplacedDoesNotPayTheOrderAndIsRecordedOnce() {
        List<Object> history = new java.util.ArrayList<>(
                anOrderIn(OrderStatus.AWAITING_PAYMENT).events());
        history.add(unpaidEditAddingAMug());
        RecordPaymentAuthorizationCommand oldLinkPaid = new RecordPaymentAuthorizationCommand(
                ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL, "visa", "4242");
        ReplacedPaymentAuthorizedEvent replacedAuthorized =
                new ReplacedPaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL);
        fixture.given(history).when(oldLinkPaid).expectEvents(replacedAuthorized);
        history.add(replacedAuthorized);
        fixture.given(history).when(oldLinkPaid).expectNoEvents();
        // and still so once the new payment is authorized
        history.add(
                new PaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, "sbx_pay_2", eur(7965), "visa", "4242"));
        fixture.given(history).when(oldLinkPaid).expectNoEvents();
    }

    @Test
    void aFailureReportedForTheReplacedPaymentIsNotTheOrdersButOneOfThePaymentUnderWayIs() {
        List<Object> history = new java.util.ArrayList<>(
                anOrderIn(OrderStatus.AWAITING_PAYMENT).events());
        history.add(unpaidEditAddingAMug());
        fixture.given(history)
                .when(new RecordPaymentFailureCommand(ORDER_ID, "payment cancelled at stripe", PAYMENT_REF))
                .expectNoEvents();
        fixture.given(history)
                .when(new RecordPaymentFailureCommand(ORDER_ID, "card declined", "sbx_pay_2"))
                .expectEvents(new PaymentFailedEvent(ORDER_ID, "card declined"));
    }

    @Test
    void anEditThatKeepsTheTotalLeavesThePaymentUnderWay() {
        Address elsewhereInIsrael = new Address("Alice Cohen", null, "2 Yafo St", null, "Haifa", null, "3300000", "IL");
        List<Object> history = new java.util.ArrayList<>(
                anOrderIn(OrderStatus.AWAITING_PAYMENT).events());
        fixture.given(history)
                .when(edit("ed-1", 1, OrderEditChange.shipTo(elsewhereInIsrael)))
                .expectResultMessagePayloadMatching(matching(p -> !p.stockSold()
                        && p.balance().equals(eur(0))
                        && p.shippingAddress().equals(elsewhereInIsrael)));
        history.add(new OrderEditedEvent(
                ORDER_ID,
                "ed-1",
                2,
                List.of(OrderEditChange.shipTo(elsewhereInIsrael)),
                null,
                List.of(tshirts(2)),
                List.of(new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 2)),
                TOTALS,
                TOTALS,
                elsewhereInIsrael,
                eur(0),
                false,
                ADMIN,
                ALICE,
                null));
        fixture.given(history)
                .when(new RecordPaymentAuthorizationCommand(
                        ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL, "visa", "4242"))
                .expectEvents(new PaymentAuthorizedEvent(
                        ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL, "visa", "4242"));
    }

    @Test
    void onceThePaymentIsAuthorizedAnUnpaidOrderTakesNoEditThatChangesItsTotalOrAddsASku() {
        fixture.given(anOrderIn(OrderStatus.AWAITING_PAYMENT).authorized().events())
                .when(edit("ed-1", 1, OrderEditChange.setQuantity(TSHIRT, 1)))
                .expectNoEvents()
                .expectException(EditNotSettleableException.class);
        // a failed capture lets the customer pay again, and the order be edited again
        fixture.given(anOrderIn(OrderStatus.AWAITING_PAYMENT)
                        .authorized()
                        .paymentFailed()
                        .events())
                .when(edit("ed-1", 1, OrderEditChange.setQuantity(TSHIRT, 1)))
                .expectResultMessagePayloadMatching(matching(p -> p.balance().equals(eur(-2950))));
    }

    private static OrderEditedEvent unpaidEditAddingAMug() {
        return new OrderEditedEvent(
                ORDER_ID,
                "ed-1",
                2,
                List.of(OrderEditChange.addLine(MUG, 1)),
                "customer called",
                List.of(tshirts(2), mugs(1)),
                List.of(
                        new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 2),
                        new EditedLine(MUG, "Blue mug", eur(1250), 0, 1)),
                TOTALS,
                totals(6250, 500, 1215, 1800),
                TEL_AVIV,
                eur(1475),
                false,
                ADMIN,
                ALICE,
                null);
    }

    @Test
    void linesAlreadyOnTheOrderKeepTheirSnapshotPrice() {
        OrderLine dearerToday = OrderLine.of(TSHIRT, "Red T-shirt M", eur(3000), 1, null, null);
        fixture.given(anOrderIn(OrderStatus.PROCESSING).events())
                .when(new PreviewOrderEditCommand(
                        ORDER_ID, List.of(OrderEditChange.addLine(TSHIRT, 1)), List.of(dearerToday)))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(
                        matching(p -> p.after().subtotal().equals(eur(7500))));
    }

    @Test
    void taxFollowsTheNewDestination() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(edit("ed-1", 1, OrderEditChange.shipTo(RIYADH)))
                .expectResultMessagePayloadMatching(matching(p -> p.after().equals(totals(5000, 500, 825, 1500))
                        && p.balance().equals(eur(-165))
                        && p.shippingAddress().equals(RIYADH)));
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PENDING", "PARTIALLY_SHIPPED", "SHIPPED", "DELIVERED", "RETURNED", "CANCELLED", "ATTENTION"})
    void refusesAnEditOnceTheOrderCannotChange(OrderStatus status) {
        fixture.given(anOrderIn(status).events())
                .when(edit("ed-1", 1, OrderEditChange.setQuantity(TSHIRT, 1)))
                .expectNoEvents()
                .expectException(OrderEditRefusedException.class)
                .expectExceptionMessage("order is " + status
                        + "; only an order AWAITING_PAYMENT, CONFIRMED or PROCESSING can be edited");
    }

    @Test
    void refusesToEditAnOrderToNothing() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(edit("ed-1", 1, OrderEditChange.removeLine(TSHIRT)))
                .expectNoEvents()
                .expectException(InvalidOrderEditException.class);
    }

    @Test
    void refusesASkuThatIsNotOnTheOrderOrNotForSale() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(new EditOrderCommand(
                        ORDER_ID, "ed-1", 1, List.of(OrderEditChange.addLine(MUG, 1)), List.of(), null, ADMIN, null))
                .expectNoEvents()
                .expectException(InvalidOrderEditException.class);
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(edit("ed-1", 1, OrderEditChange.setQuantity(MUG, 1)))
                .expectNoEvents()
                .expectException(InvalidOrderEditException.class);
    }

    @Test
    void refusesAnEditPreviewedAtAnotherVersion() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(edit("ed-1", 2, OrderEditChange.setQuantity(TSHIRT, 1)))
                .expectNoEvents()
                .expectException(OrderEditRefusedException.class);
    }

    @Test
    void eachEditRaisesTheVersionByOneAndARepeatedEditChangesNothing() {
        List<Object> history =
                new java.util.ArrayList<>(anOrderIn(OrderStatus.CONFIRMED).events());
        history.add(editedEvent("ed-1", 2));
        fixture.given(history)
                .when(edit("ed-2", 2, OrderEditChange.setQuantity(TSHIRT, 1)))
                .expectResultMessagePayloadMatching(matching(p -> p.version() == 3));
        fixture.given(history)
                .when(edit("ed-1", 1, OrderEditChange.addLine(MUG, 1)))
                .expectNoEvents();
    }

    @Test
    void theEditedLinesAreWhatLaterEditsAndShipmentsWorkFrom() {
        List<Object> history =
                new java.util.ArrayList<>(anOrderIn(OrderStatus.CONFIRMED).events());
        history.add(editedEvent("ed-1", 2));
        fixture.given(history)
                .when(edit("ed-2", 2, OrderEditChange.removeLine(TSHIRT)))
                .expectResultMessagePayloadMatching(
                        matching(p -> p.after().subtotal().equals(eur(1250))
                                && p.before().total().equals(eur(7965))));
    }

    private static OrderEditedEvent editedTo1Tshirt() {
        return new OrderEditedEvent(
                ORDER_ID,
                "ed-1",
                2,
                List.of(OrderEditChange.setQuantity(TSHIRT, 1)),
                "customer called",
                List.of(tshirts(1)),
                List.of(new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 1)),
                TOTALS,
                totals(2500, 500, 540, 1800),
                TEL_AVIV,
                eur(-2950),
                true,
                ADMIN,
                ALICE,
                null);
    }

    private static OrderEditedEvent editedEvent(String editId, int version) {
        return new OrderEditedEvent(
                ORDER_ID,
                editId,
                version,
                List.of(OrderEditChange.addLine(MUG, 1)),
                null,
                List.of(tshirts(2), mugs(1)),
                List.of(new EditedLine(MUG, "Blue mug", eur(1250), 0, 1)),
                TOTALS,
                totals(6250, 500, 1215, 1800),
                TEL_AVIV,
                eur(1475),
                true,
                ADMIN,
                ALICE,
                null);
    }

    private static org.hamcrest.Matcher<OrderEditPreview> matching(java.util.function.Predicate<OrderEditPreview> p) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(OrderEditPreview preview) {
                return p.test(preview);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("an edit preview as expected");
            }
        };
    }
}
