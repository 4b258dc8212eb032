package io.orderengine.command.sku;

import static io.orderengine.command.sku.SkuFixtures.ORDER_A;
import static io.orderengine.command.sku.SkuFixtures.SKU;
import static io.orderengine.command.sku.SkuFixtures.aRegisteredSku;
import static io.orderengine.command.sku.SkuFixtures.skuFixture;

import io.orderengine.messages.sku.AdjustStockCommand;
import io.orderengine.messages.sku.LowStockReachedEvent;
import io.orderengine.messages.sku.ReceiveStockCommand;
import io.orderengine.messages.sku.StockAdjustedEvent;
import io.orderengine.messages.sku.StockReceivedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Goods in and stock corrections; the threshold of the T-shirt is 2. */
class SkuStockTest {

    private AggregateTestFixture<Sku> fixture;

    @BeforeEach
    void setUp() {
        fixture = skuFixture();
    }

    @Test
    void receivesStock() {
        fixture.given(aRegisteredSku().events())
                .when(new ReceiveStockCommand(SKU, 10, "delivery"))
                .expectEvents(new StockReceivedEvent(SKU, 10, "delivery", 10, 10));
    }

    @Test
    void receivedStockIsAvailableNextToWhatIsReserved() {
        fixture.given(aRegisteredSku().received(5).reserved(ORDER_A, 4).events())
                .when(new ReceiveStockCommand(SKU, 3, "delivery"))
                .expectEvents(new StockReceivedEvent(SKU, 3, "delivery", 8, 4));
    }

    @Test
    void adjustsStockUp() {
        fixture.given(aRegisteredSku().received(5).events())
                .when(new AdjustStockCommand(SKU, 2, "found in back room"))
                .expectEvents(new StockAdjustedEvent(SKU, 2, "found in back room", 7, 7));
    }

    @Test
    void adjustsStockDownToWhatIsReserved() {
        fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 1).events())
                .when(new AdjustStockCommand(SKU, -9, "water damage"))
                .expectEvents(
                        new StockAdjustedEvent(SKU, -9, "water damage", 1, 0), new LowStockReachedEvent(SKU, 0, 2));
    }

    @Test
    void refusesAnAdjustmentBelowWhatIsReservedNamingWhatIsAvailable() {
        fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 7).events())
                .when(new AdjustStockCommand(SKU, -4, "count"))
                .expectNoEvents()
                .expectException(InsufficientStockException.class)
                .expectExceptionMessage(
                        "cannot adjust SKU TSHIRT-RED-M by -4: only 3 available (on hand 10, " + "reserved 7)");
    }

    @Test
    void refusesAnAdjustmentBelowZero() {
        fixture.given(aRegisteredSku().received(3).events())
                .when(new AdjustStockCommand(SKU, -4, "count"))
                .expectNoEvents()
                .expectException(InsufficientStockException.class)
                .expectExceptionMessage(
                        "cannot adjust SKU TSHIRT-RED-M by -4: only 3 available (on hand 3, " + "reserved 0)");
    }

    @Test
    void anAdjustmentThatTakesAvailableToTheThresholdReportsLowStock() {
        fixture.given(aRegisteredSku().received(5).events())
                .when(new AdjustStockCommand(SKU, -3, "count"))
                .expectEvents(new StockAdjustedEvent(SKU, -3, "count", 2, 2), new LowStockReachedEvent(SKU, 2, 2));
    }

    @Test
    void anAdjustmentOfStockAlreadyLowReportsNothingNew() {
        fixture.given(aRegisteredSku().received(5).adjusted(-3).events())
                .when(new AdjustStockCommand(SKU, -1, "count"))
                .expectEvents(new StockAdjustedEvent(SKU, -1, "count", 1, 1));
    }

    @Test
    void receivingStockNeverReportsLowStock() {
        fixture.given(aRegisteredSku().events())
                .when(new ReceiveStockCommand(SKU, 1, "delivery"))
                .expectEvents(new StockReceivedEvent(SKU, 1, "delivery", 1, 1));
    }
}
