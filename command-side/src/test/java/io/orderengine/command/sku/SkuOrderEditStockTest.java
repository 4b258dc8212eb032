package io.orderengine.command.sku;

import static io.orderengine.command.sku.SkuFixtures.ORDER_A;
import static io.orderengine.command.sku.SkuFixtures.SKU;
import static io.orderengine.command.sku.SkuFixtures.aRegisteredSku;
import static io.orderengine.command.sku.SkuFixtures.skuFixture;

import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.messages.sku.OrderStockAdjustedEvent;
import io.orderengine.messages.sku.OrderStockChangeVoidedEvent;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.messages.sku.StockCommittedEvent;
import io.orderengine.messages.sku.StockReleasedEvent;
import io.orderengine.messages.sku.StockRestockedEvent;
import io.orderengine.messages.sku.UndoOrderStockChangeCommand;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An order edit changes the units one order holds; 10 T-shirts on hand, threshold 2. */
class SkuOrderEditStockTest {

    private AggregateTestFixture<Sku> fixture;

    @BeforeEach
    void setUp() {
        fixture = skuFixture();
    }

    private static AdjustOrderStockCommand adjust(String changeId, int delta, boolean sold) {
        return new AdjustOrderStockCommand(SKU, ORDER_A, changeId, delta, sold, "order edited");
    }

    private static OrderStockAdjustedEvent adjusted(
            String changeId, int delta, boolean sold, int onHand, int available) {
        return new OrderStockAdjustedEvent(SKU, ORDER_A, changeId, delta, sold, onHand, available, "order edited");
    }

    @Test
    void reservesMoreUnitsForAnUnpaidOrder() {
        fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 2).events())
                .when(adjust("ed-1", 3, false))
                .expectEvents(adjusted("ed-1", 3, false, 10, 5))
                .expectResultMessagePayload(null);
    }

    @Test
    void takesMoreUnitsFromOnHandForAPaidOrder() {
        fixture.given(aRegisteredSku()
                        .received(10)
                        .reserved(ORDER_A, 2)
                        .committed(ORDER_A)
                        .events())
                .when(adjust("ed-1", 3, true))
                .expectEvents(adjusted("ed-1", 3, true, 5, 5));
    }

    @Test
    void answersTheShortageAndChangesNothingWhenTooFewAreAvailable() {
        fixture.given(aRegisteredSku()
                        .received(4)
                        .reserved(ORDER_A, 2)
                        .committed(ORDER_A)
                        .events())
                .when(adjust("ed-1", 3, true))
                .expectNoEvents()
                .expectResultMessagePayload(new ShortSku(SKU, 3, 2));
    }

    @Test
    void answersNothingIsAvailableOfASkuNoLongerSold() {
        fixture.given(aRegisteredSku().received(4).deactivated().events())
                .when(adjust("ed-1", 1, true))
                .expectNoEvents()
                .expectResultMessagePayload(new ShortSku(SKU, 1, 0));
    }

    @Test
    void restocksUnitsAPaidOrderGivesBack() {
        fixture.given(aRegisteredSku()
                        .received(10)
                        .reserved(ORDER_A, 3)
                        .committed(ORDER_A)
                        .events())
                .when(adjust("ed-1", -2, false))
                .expectEvents(adjusted("ed-1", -2, true, 9, 9));
    }

    @Test
    void neverGivesBackMoreThanTheOrderHolds() {
        fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 3).events())
                .when(adjust("ed-1", -5, false))
                .expectEvents(adjusted("ed-1", -3, false, 10, 10));
    }

    @Test
    void aChangeIdAppliedBeforeChangesNothing() {
        List<Object> history = new ArrayList<>(
                aRegisteredSku().received(10).reserved(ORDER_A, 2).events());
        history.add(adjusted("ed-1", 3, false, 10, 5));
        fixture.given(history).when(adjust("ed-1", 3, false)).expectNoEvents();
    }

    @Test
    void theCheckoutLaterCommitsOrReleasesTheEditedReservation() {
        List<Object> history = new ArrayList<>(
                aRegisteredSku().received(10).reserved(ORDER_A, 2).events());
        history.add(adjusted("ed-1", 3, false, 10, 5));
        fixture.given(history)
                .when(new CommitStockCommand(SKU, ORDER_A))
                .expectEvents(new StockCommittedEvent(SKU, ORDER_A, 5, 5, 5));
        fixture.given(history)
                .when(new ReleaseStockCommand(SKU, ORDER_A, "expired"))
                .expectEvents(new StockReleasedEvent(SKU, ORDER_A, 5, "expired", 10));
    }

    @Test
    void aCancelLaterRestocksWhatThePaidOrderHoldsAfterTheEdit() {
        List<Object> history = new ArrayList<>(aRegisteredSku()
                .received(10)
                .reserved(ORDER_A, 3)
                .committed(ORDER_A)
                .events());
        history.add(adjusted("ed-1", -1, true, 8, 8));
        fixture.given(history)
                .when(new RestockCommand(SKU, ORDER_A, "cancelled"))
                .expectEvents(new StockRestockedEvent(SKU, ORDER_A, 2, "cancelled", 10, 10));
    }

    @Test
    void holdsUnitsOfASkuTheOrderDidNotHaveAsTheOrderHoldsItsStock() {
        fixture.given(aRegisteredSku().received(10).events())
                .when(adjust("ed-1", 2, true))
                .expectEvents(adjusted("ed-1", 2, true, 8, 8));
    }

    private static UndoOrderStockChangeCommand undo(String changeId) {
        return new UndoOrderStockChangeCommand(SKU, ORDER_A, changeId, "edit not recorded");
    }

    @Test
    void undoingAChangeGivesBackTheUnitsItTookUnderItsUndoId() {
        fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 2).events())
                .andGiven(adjusted("ed-1:a", 3, false, 10, 5))
                .when(undo("ed-1:a"))
                .expectEvents(new OrderStockAdjustedEvent(
                        SKU, ORDER_A, "ed-1:a:undo", -3, false, 10, 8, "edit not recorded"));
    }

    @Test
    void undoingAChangeOfAPaidOrderPutsTheUnitsBackOnHand() {
        fixture.given(aRegisteredSku()
                        .received(10)
                        .reserved(ORDER_A, 2)
                        .committed(ORDER_A)
                        .events())
                .andGiven(adjusted("ed-1:a", 3, true, 5, 5))
                .when(undo("ed-1:a"))
                .expectEvents(
                        new OrderStockAdjustedEvent(SKU, ORDER_A, "ed-1:a:undo", -3, true, 8, 8, "edit not recorded"));
    }

    @Test
    void undoingAChangeTwiceGivesTheUnitsBackOnce() {
        fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 2).events())
                .andGiven(
                        adjusted("ed-1:a", 3, false, 10, 5),
                        new OrderStockAdjustedEvent(SKU, ORDER_A, "ed-1:a:undo", -3, false, 10, 8, "edit not recorded"))
                .when(undo("ed-1:a"))
                .expectNoEvents();
    }

    @Test
    void undoingAChangeNeverMadeVoidsItAndLeavesTheOrdersUnitsAlone() {
        fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 2).events())
                .when(undo("ed-1:a"))
                .expectEvents(new OrderStockChangeVoidedEvent(SKU, ORDER_A, "ed-1:a", "edit not recorded"));
    }

    @Test
    void aVoidedChangeArrivingLateTakesNothing() {
        fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 2).events())
                .andGiven(new OrderStockChangeVoidedEvent(SKU, ORDER_A, "ed-1:a", "edit not recorded"))
                .when(adjust("ed-1:a", 3, false))
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }
}
