package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.TEL_AVIV;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static io.orderengine.testkit.OrderFixtures.tshirts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.EditStockHeldEvent;
import io.orderengine.messages.order.EditStockHoldReleasedEvent;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.HoldEditStockCommand;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.ReleaseEditStockHoldCommand;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stock an attempt to record an edit takes is held on the order first: the edit keeps it when recorded with the
 * hold, and a released hold can no longer be recorded. The confirmed order (2 T-shirts) gets a blue mug.
 */
class OrderEditStockHoldTest {

    private static final String HOLD = "ed-1:a1b2c3d4";
    private static final List<EditedLine> A_MUG = List.of(new EditedLine(MUG, "Blue mug", eur(1250), 0, 1));

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    private static EditOrderCommand addAMugWith(String holdId) {
        return new EditOrderCommand(
                ORDER_ID, "ed-1", 1, List.of(OrderEditChange.addLine(MUG, 1)), List.of(mugs(1)), null, ADMIN, holdId);
    }

    private static EditStockHeldEvent held() {
        return new EditStockHeldEvent(ORDER_ID, "ed-1", HOLD, A_MUG);
    }

    private static OrderEditedEvent mugAddedWith(String holdId) {
        return new OrderEditedEvent(
                ORDER_ID,
                "ed-1",
                2,
                List.of(OrderEditChange.addLine(MUG, 1)),
                null,
                List.of(tshirts(2), mugs(1)),
                A_MUG,
                TOTALS,
                new OrderTotals(eur(6250), eur(0), eur(500), eur(1215), eur(7965), 1800),
                TEL_AVIV,
                eur(1475),
                true,
                ADMIN,
                ALICE,
                holdId);
    }

    @Test
    void holdingTheStockOfAnAttemptIsRecordedOnce() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(new HoldEditStockCommand(ORDER_ID, "ed-1", HOLD, A_MUG))
                .expectEvents(held());
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .andGiven(held())
                .when(new HoldEditStockCommand(ORDER_ID, "ed-1", HOLD, A_MUG))
                .expectNoEvents();
    }

    @Test
    void anEditRecordedWithAnOpenHoldKeepsItsUnits() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .andGiven(held())
                .when(addAMugWith(HOLD))
                .expectSuccessfulHandlerExecution()
                .expectState(order -> assertThat(order)
                        .extracting("edits.holds.holds", MAP)
                        .extractingByKey(HOLD)
                        .extracting("state")
                        .isEqualTo(EditStockHolds.State.USED));
    }

    @Test
    void theHoldOfARecordedEditCannotBeReleased() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .andGiven(held(), mugAddedWith(HOLD))
                .when(new ReleaseEditStockHoldCommand(ORDER_ID, HOLD, "edit not recorded within PT5M"))
                .expectNoEvents()
                .expectException(OrderEditRefusedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("recorded with stock hold " + HOLD));
    }

    @Test
    void releasingAnOpenHoldGivesItsUnitsBackOnce() {
        EditStockHoldReleasedEvent released =
                new EditStockHoldReleasedEvent(ORDER_ID, "ed-1", HOLD, A_MUG, "edit not recorded within PT5M");
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .andGiven(held())
                .when(new ReleaseEditStockHoldCommand(ORDER_ID, HOLD, "edit not recorded within PT5M"))
                .expectEvents(released);
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .andGiven(held(), released)
                .when(new ReleaseEditStockHoldCommand(ORDER_ID, HOLD, "edit not recorded within PT5M"))
                .expectNoEvents();
    }

    @Test
    void anEditCannotBeRecordedWithAReleasedHold() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .andGiven(held(), new EditStockHoldReleasedEvent(ORDER_ID, "ed-1", HOLD, A_MUG, "not enough stock"))
                .when(addAMugWith(HOLD))
                .expectNoEvents()
                .expectException(OrderEditRefusedException.class);
    }

    @Test
    void anEditCannotBeRecordedWithAHoldTheOrderNeverMade() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(addAMugWith(HOLD))
                .expectNoEvents()
                .expectException(OrderEditRefusedException.class);
    }

    @Test
    void anEditRecordedWithTheHoldOfAnotherAttemptLeavesThisOneOpenToBeReleased() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .andGiven(held(), new EditStockHeldEvent(ORDER_ID, "ed-1", "ed-1:other", A_MUG))
                .andGiven(mugAddedWith("ed-1:other"))
                .when(new ReleaseEditStockHoldCommand(ORDER_ID, HOLD, "edit not recorded within PT5M"))
                .expectEvents(
                        new EditStockHoldReleasedEvent(ORDER_ID, "ed-1", HOLD, A_MUG, "edit not recorded within PT5M"));
    }
}
