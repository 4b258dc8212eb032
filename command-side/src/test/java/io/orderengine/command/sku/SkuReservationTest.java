package io.orderengine.command.sku;

import static io.orderengine.command.sku.SkuFixtures.EXPIRES;
import static io.orderengine.command.sku.SkuFixtures.ORDER_A;
import static io.orderengine.command.sku.SkuFixtures.ORDER_B;
import static io.orderengine.command.sku.SkuFixtures.SKU;
import static io.orderengine.command.sku.SkuFixtures.aRegisteredSku;
import static io.orderengine.command.sku.SkuFixtures.skuFixture;
import static io.orderengine.messages.sku.StockRejectionReason.INACTIVE;
import static io.orderengine.messages.sku.StockRejectionReason.INSUFFICIENT_STOCK;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.messages.sku.LowStockReachedEvent;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.ReserveStockCommand;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.messages.sku.StockCommittedEvent;
import io.orderengine.messages.sku.StockReleasedEvent;
import io.orderengine.messages.sku.StockReservationRejectedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.messages.sku.StockRestockedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Stock per order: reserve, then release or commit, and restock what was committed. Threshold 2. */
class SkuReservationTest {

    private AggregateTestFixture<Sku> fixture;

    @BeforeEach
    void setUp() {
        fixture = skuFixture();
    }

    private static ReserveStockCommand reserve(OrderId order, int quantity) {
        return new ReserveStockCommand(SKU, order, quantity, EXPIRES);
    }

    @Nested
    class Reserving {

        @Test
        void reservesWhatIsAvailable() {
            fixture.given(aRegisteredSku().received(10).events())
                    .when(reserve(ORDER_A, 3))
                    .expectEvents(new StockReservedEvent(SKU, ORDER_A, 3, 7, EXPIRES));
        }

        @Test
        void reservesTheLastUnitsAndReportsLowStock() {
            fixture.given(aRegisteredSku().received(3).events())
                    .when(reserve(ORDER_A, 3))
                    .expectEvents(
                            new StockReservedEvent(SKU, ORDER_A, 3, 0, EXPIRES), new LowStockReachedEvent(SKU, 0, 2));
        }

        @Test
        void reportsLowStockWhenAvailableFallsExactlyToTheThreshold() {
            fixture.given(aRegisteredSku().received(10).events())
                    .when(reserve(ORDER_A, 8))
                    .expectEvents(
                            new StockReservedEvent(SKU, ORDER_A, 8, 2, EXPIRES), new LowStockReachedEvent(SKU, 2, 2));
        }

        @Test
        void reportsLowStockOnlyWhenCrossingTheThreshold() {
            fixture.given(aRegisteredSku().received(4).reserved(ORDER_A, 2).events())
                    .when(reserve(ORDER_B, 1))
                    .expectEvents(new StockReservedEvent(SKU, ORDER_B, 1, 1, EXPIRES));
        }

        @Test
        void rejectsAReservationBeyondAvailableStockNamingWhatIsAvailable() {
            fixture.given(aRegisteredSku().received(5).reserved(ORDER_A, 3).events())
                    .when(reserve(ORDER_B, 3))
                    .expectEvents(new StockReservationRejectedEvent(SKU, ORDER_B, 3, 2, INSUFFICIENT_STOCK));
        }

        @Test
        void rejectsAReservationOfAnInactiveSku() {
            fixture.given(aRegisteredSku().received(5).deactivated().events())
                    .when(reserve(ORDER_A, 1))
                    .expectEvents(new StockReservationRejectedEvent(SKU, ORDER_A, 1, 5, INACTIVE));
        }

        @Test
        void aReservationSentAgainChangesNothing() {
            fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 3).events())
                    .when(reserve(ORDER_A, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aReservationSentAgainAfterItWasRejectedChangesNothingEvenWithStockBack() {
            fixture.given(aRegisteredSku()
                            .rejected(ORDER_A, 3, INSUFFICIENT_STOCK)
                            .received(10)
                            .events())
                    .when(reserve(ORDER_A, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aReservationSentAgainAfterItWasReleasedChangesNothing() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .released(ORDER_A)
                            .events())
                    .when(reserve(ORDER_A, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Releasing {

        @Test
        void releasesTheOrdersReservation() {
            fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 3).events())
                    .when(new ReleaseStockCommand(SKU, ORDER_A, "payment failed"))
                    .expectEvents(new StockReleasedEvent(SKU, ORDER_A, 3, "payment failed", 10));
        }

        @Test
        void releasingForAnOrderThatNeverReservedChangesNothing() {
            fixture.given(aRegisteredSku().received(10).events())
                    .when(new ReleaseStockCommand(SKU, ORDER_A, "cancelled"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void releasingForAnOrderThatWasRejectedChangesNothing() {
            fixture.given(aRegisteredSku()
                            .rejected(ORDER_A, 3, INSUFFICIENT_STOCK)
                            .events())
                    .when(new ReleaseStockCommand(SKU, ORDER_A, "order rejected"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void releasingTwiceChangesNothing() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .released(ORDER_A)
                            .events())
                    .when(new ReleaseStockCommand(SKU, ORDER_A, "expired"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void releasingACommittedOrderChangesNothing() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .committed(ORDER_A)
                            .events())
                    .when(new ReleaseStockCommand(SKU, ORDER_A, "cancelled"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Committing {

        @Test
        void commitsTheReservationSoOnHandDecreases() {
            fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 3).events())
                    .when(new CommitStockCommand(SKU, ORDER_A))
                    .expectEvents(new StockCommittedEvent(SKU, ORDER_A, 3, 7, 7));
        }

        @Test
        void committingLeavesAvailableAsItWasSoReportsNoLowStock() {
            fixture.given(aRegisteredSku().received(3).reserved(ORDER_A, 2).events())
                    .when(new CommitStockCommand(SKU, ORDER_A))
                    .expectEvents(new StockCommittedEvent(SKU, ORDER_A, 2, 1, 1));
        }

        @Test
        void commitsAReservationMadeBeforeTheSkuWasDeactivated() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .deactivated()
                            .events())
                    .when(new CommitStockCommand(SKU, ORDER_A))
                    .expectEvents(new StockCommittedEvent(SKU, ORDER_A, 3, 7, 7));
        }

        @Test
        void committingTwiceChangesNothing() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .committed(ORDER_A)
                            .events())
                    .when(new CommitStockCommand(SKU, ORDER_A))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aLateCommitAfterTheRestockChangesNothing() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .committed(ORDER_A)
                            .restocked(ORDER_A)
                            .events())
                    .when(new CommitStockCommand(SKU, ORDER_A))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToCommitForAnOrderThatNeverReserved() {
            fixture.given(aRegisteredSku().received(10).events())
                    .when(new CommitStockCommand(SKU, ORDER_A))
                    .expectNoEvents()
                    .expectException(OrderStockNotFoundException.class)
                    .expectExceptionMessage("order " + ORDER_A + " never reserved any stock of SKU TSHIRT-RED-M");
        }

        @Test
        void refusesToCommitAReleasedReservation() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .released(ORDER_A)
                            .events())
                    .when(new CommitStockCommand(SKU, ORDER_A))
                    .expectNoEvents()
                    .expectException(OrderStockNotFoundException.class)
                    .expectExceptionMessage("order " + ORDER_A + " holds no reservation (its request was released) "
                            + "of SKU TSHIRT-RED-M");
        }

        @Test
        void refusesToCommitARejectedReservation() {
            fixture.given(aRegisteredSku()
                            .rejected(ORDER_A, 3, INSUFFICIENT_STOCK)
                            .events())
                    .when(new CommitStockCommand(SKU, ORDER_A))
                    .expectNoEvents()
                    .expectException(OrderStockNotFoundException.class);
        }
    }

    @Nested
    class Restocking {

        @Test
        void putsCommittedUnitsBackOnHand() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .committed(ORDER_A)
                            .events())
                    .when(new RestockCommand(SKU, ORDER_A, "returned"))
                    .expectEvents(new StockRestockedEvent(SKU, ORDER_A, 3, "returned", 10, 10));
        }

        @Test
        void restockingTwiceChangesNothing() {
            fixture.given(aRegisteredSku()
                            .received(10)
                            .reserved(ORDER_A, 3)
                            .committed(ORDER_A)
                            .restocked(ORDER_A)
                            .events())
                    .when(new RestockCommand(SKU, ORDER_A, "returned"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesToRestockAReservationThatWasNeverCommitted() {
            fixture.given(aRegisteredSku().received(10).reserved(ORDER_A, 3).events())
                    .when(new RestockCommand(SKU, ORDER_A, "cancelled"))
                    .expectNoEvents()
                    .expectException(OrderStockNotFoundException.class)
                    .expectExceptionMessage("order " + ORDER_A + " never committed any stock (its request was "
                            + "reserved) of SKU TSHIRT-RED-M");
        }

        @Test
        void refusesToRestockForAnOrderThatNeverReserved() {
            fixture.given(aRegisteredSku().received(10).events())
                    .when(new RestockCommand(SKU, ORDER_A, "returned"))
                    .expectNoEvents()
                    .expectException(OrderStockNotFoundException.class);
        }
    }
}
