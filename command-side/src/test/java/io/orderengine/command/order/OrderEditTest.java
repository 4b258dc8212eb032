package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.PAYMENT_REF;
import static io.orderengine.testkit.OrderFixtures.TEL_AVIV;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static io.orderengine.testkit.OrderFixtures.tshirts;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PreviewOrderEditCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
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
    void anUnpaidOrderMayOnlyBeEditedWithoutChangingItsTotalOrAddingSkus() {
        Address elsewhereInIsrael = new Address("Alice Cohen", null, "2 Yafo St", null, "Haifa", null, "3300000", "IL");
        fixture.given(anOrderIn(OrderStatus.AWAITING_PAYMENT).events())
                .when(edit("ed-1", 1, OrderEditChange.shipTo(elsewhereInIsrael)))
                .expectResultMessagePayloadMatching(matching(p -> !p.stockSold()
                        && p.balance().equals(eur(0))
                        && p.shippingAddress().equals(elsewhereInIsrael)));
        fixture.given(anOrderIn(OrderStatus.AWAITING_PAYMENT).events())
                .when(edit("ed-1", 1, OrderEditChange.setQuantity(TSHIRT, 1)))
                .expectNoEvents()
                .expectException(EditNotSettleableException.class);
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
