package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.messages.order.OrderStatus.ATTENTION;
import static io.orderengine.messages.order.OrderStatus.DELIVERED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_SHIPPED;
import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.messages.order.OrderStatus.SHIPPED;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.MarkShipmentDeliveredCommand;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderPartiallyShippedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.ShipItemsCommand;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.order.ShipmentDeliveredEvent;
import io.orderengine.messages.order.ShipmentLine;
import io.orderengine.messages.order.ShipmentReceipt;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An admin ships the 2 red T-shirts of the order in parcels; the order follows: PARTIALLY_SHIPPED, SHIPPED, DELIVERED. */
class OrderShipmentsTest {

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    private static ShipItemsCommand ship(int tshirts) {
        return new ShipItemsCommand(ORDER_ID, List.of(new ShipmentLine(TSHIRT, null, tshirts)), "DHL", "JD0123", ADMIN);
    }

    private static ShipmentCreatedEvent shipment(String id, int tshirts) {
        return new ShipmentCreatedEvent(
                ORDER_ID,
                id,
                List.of(new ShipmentLine(TSHIRT, "Red T-shirt M", tshirts)),
                "DHL",
                "JD0123",
                null,
                ADMIN);
    }

    @Test
    void aFirstShipmentWithUnitsLeftMakesTheOrderPartiallyShipped() {
        fixture.given(anOrderIn(PROCESSING).events())
                .when(ship(1))
                .expectEvents(
                        shipment("S1", 1),
                        new OrderPartiallyShippedEvent(ORDER_ID, PROCESSING, ADMIN, "units left to ship"))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.instanceOf(ShipmentReceipt.class))
                .expectState(order -> assertThat(order).extracting("status").isEqualTo(PARTIALLY_SHIPPED));
    }

    @Test
    void theShipmentWithTheLastUnitsMakesTheOrderShipped() {
        fixture.given(anOrderIn(PARTIALLY_SHIPPED).events())
                .when(ship(1))
                .expectEvents(
                        shipment("S2", 1),
                        new OrderShippedEvent(ORDER_ID, PARTIALLY_SHIPPED, "JD0123", null, ADMIN, "every unit shipped"))
                .expectState(order -> assertThat(order).extracting("status").isEqualTo(SHIPPED));
    }

    @Test
    void shippingEveryUnitAtOnceMovesStraightToShipped() {
        fixture.given(anOrderIn(PROCESSING).events())
                .when(ship(2))
                .expectEvents(
                        shipment("S1", 2),
                        new OrderShippedEvent(ORDER_ID, PROCESSING, "JD0123", null, ADMIN, "every unit shipped"));
    }

    @Test
    void refusesMoreUnitsThanAreLeftNamingWhatIsLeft() {
        fixture.given(anOrderIn(PARTIALLY_SHIPPED).events())
                .when(ship(2))
                .expectNoEvents()
                .expectException(ShipmentRefusedException.class)
                .expectExceptionMessage("cannot ship 2 of TSHIRT-RED-M; left to ship: 1 × TSHIRT-RED-M");
    }

    @Test
    void refusesASkuTheOrderDoesNotHave() {
        fixture.given(anOrderIn(PROCESSING).events())
                .when(new ShipItemsCommand(ORDER_ID, List.of(new ShipmentLine(MUG, null, 1)), "DHL", null, ADMIN))
                .expectNoEvents()
                .expectException(ShipmentRefusedException.class)
                .expectExceptionMessage("the order has no line for sku MUG-BLUE; left to ship: 2 × TSHIRT-RED-M");
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PROCESSING", "PARTIALLY_SHIPPED"},
            mode = EnumSource.Mode.EXCLUDE)
    void shipsOnlyFromProcessingOrPartiallyShipped(OrderStatus status) {
        fixture.given(anOrderIn(status).events())
                .when(ship(1))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is " + status + "; cannot move to SHIPPED");
    }

    @Test
    void aShipmentArrivingWhileUnitsAreLeftKeepsTheOrderPartiallyShipped() {
        fixture.given(anOrderIn(PARTIALLY_SHIPPED).events())
                .when(new MarkShipmentDeliveredCommand(ORDER_ID, "S1", ADMIN))
                .expectEvents(new ShipmentDeliveredEvent(ORDER_ID, "S1", ADMIN));
    }

    @Test
    void theLastShipmentToArriveMakesTheOrderDelivered() {
        fixture.given(anOrderIn(PROCESSING)
                        .partiallyShipped()
                        .shipmentDelivered("S1")
                        .shipment("S2", 1, true)
                        .events())
                .when(new MarkShipmentDeliveredCommand(ORDER_ID, "S2", ADMIN))
                .expectEvents(
                        new ShipmentDeliveredEvent(ORDER_ID, "S2", ADMIN),
                        new OrderDeliveredEvent(ORDER_ID, SHIPPED, ADMIN, "every shipment delivered"))
                .expectState(order -> assertThat(order).extracting("status").isEqualTo(DELIVERED));
    }

    @Test
    void theOrderWaitsForEveryShipmentBeforeItIsDelivered() {
        fixture.given(anOrderIn(PROCESSING)
                        .partiallyShipped()
                        .shipment("S2", 1, true)
                        .events())
                .when(new MarkShipmentDeliveredCommand(ORDER_ID, "S2", ADMIN))
                .expectEvents(new ShipmentDeliveredEvent(ORDER_ID, "S2", ADMIN));
    }

    @Test
    void markingAShipmentDeliveredAgainChangesNothing() {
        fixture.given(anOrderIn(PARTIALLY_SHIPPED).shipmentDelivered("S1").events())
                .when(new MarkShipmentDeliveredCommand(ORDER_ID, "S1", ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToDeliverAShipmentTheOrderDoesNotHave() {
        fixture.given(anOrderIn(PARTIALLY_SHIPPED).events())
                .when(new MarkShipmentDeliveredCommand(ORDER_ID, "S9", ADMIN))
                .expectNoEvents()
                .expectException(ShipmentRefusedException.class)
                .expectExceptionMessage("the order has no shipment S9");
    }

    @Test
    void theAdminsDeliveredStatusDeliversEveryShipmentLeft() {
        fixture.given(anOrderIn(PROCESSING)
                        .partiallyShipped()
                        .shipmentDelivered("S1")
                        .shipment("S2", 1, true)
                        .events())
                .when(new ChangeFulfilmentStatusCommand(ORDER_ID, DELIVERED, ADMIN, "all there", null, null))
                .expectEvents(
                        new ShipmentDeliveredEvent(ORDER_ID, "S2", ADMIN),
                        new OrderDeliveredEvent(ORDER_ID, SHIPPED, ADMIN, "all there"));
    }

    @Test
    void aPartiallyShippedOrderCannotBeDeliveredByStatus() {
        fixture.given(anOrderIn(PARTIALLY_SHIPPED).events())
                .when(new ChangeFulfilmentStatusCommand(ORDER_ID, DELIVERED, ADMIN, null, null, null))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is PARTIALLY_SHIPPED; cannot move to DELIVERED");
    }

    @Test
    void aPartiallyShippedOrderCanWaitForAHumanAndShipAfterwards() {
        fixture.given(anOrderIn(PARTIALLY_SHIPPED).flagged().events())
                .when(ship(1))
                .expectEvents(
                        shipment("S2", 1),
                        new OrderShippedEvent(ORDER_ID, ATTENTION, "JD0123", null, ADMIN, "every unit shipped"));
    }

    @Test
    void aPartiallyShippedOrderCannotBeCancelled() {
        fixture.given(anOrderIn(PARTIALLY_SHIPPED).events())
                .when(new io.orderengine.messages.order.CancelOrderCommand(ORDER_ID, ADMIN, "too late"))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is PARTIALLY_SHIPPED; cannot move to CANCELLED");
    }
}
