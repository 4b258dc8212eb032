package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.messages.order.OrderStatus.CONFIRMED;
import static io.orderengine.messages.order.OrderStatus.DELIVERED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_RETURNED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_SHIPPED;
import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.messages.order.OrderStatus.RETURNED;
import static io.orderengine.messages.order.OrderStatus.SHIPPED;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;

import io.orderengine.messages.order.AddAdminNoteCommand;
import io.orderengine.messages.order.AdminNoteAddedEvent;
import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderProcessingStartedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.order.ShipmentLine;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** An admin moves a paid order through fulfilment; every other move is refused naming the current status. */
class OrderFulfilmentTest {

    /**
     * PRODUCT.md: CONFIRMED → PROCESSING → SHIPPED → DELIVERED; RETURNED from SHIPPED or DELIVERED; SHIPPED also
     * ships what PARTIALLY_SHIPPED left.
     */
    private static final Map<OrderStatus, Set<OrderStatus>> FULFILMENT = Map.of(
            CONFIRMED, Set.of(PROCESSING),
            PROCESSING, Set.of(SHIPPED),
            PARTIALLY_SHIPPED, Set.of(SHIPPED),
            SHIPPED, Set.of(DELIVERED, RETURNED),
            DELIVERED, Set.of(RETURNED),
            PARTIALLY_RETURNED, Set.of(RETURNED));

    private static final LocalDate ETA = LocalDate.of(2026, 1, 22);

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    private static ChangeFulfilmentStatusCommand moveTo(OrderStatus target) {
        return new ChangeFulfilmentStatusCommand(ORDER_ID, target, ADMIN, "note", "TRACK-9", ETA);
    }

    static Stream<Arguments> everyFulfilmentTargetFromEveryStatus() {
        return Stream.of(OrderStatus.values())
                .flatMap(status -> Stream.of(PROCESSING, SHIPPED, DELIVERED, RETURNED)
                        .map(target -> Arguments.of(status, target)));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("everyFulfilmentTargetFromEveryStatus")
    void movesExactlyAlongTheFulfilmentPath(OrderStatus status, OrderStatus target) {
        var given = fixture.given(anOrderIn(status).events());
        if (FULFILMENT.getOrDefault(status, Set.of()).contains(target)) {
            Object expected = switch (target) {
                case PROCESSING -> new OrderProcessingStartedEvent(ORDER_ID, status, ADMIN, "note");
                case SHIPPED -> new OrderShippedEvent(ORDER_ID, status, "TRACK-9", ETA, ADMIN, "note");
                case DELIVERED -> new OrderDeliveredEvent(ORDER_ID, status, ADMIN, "note");
                default -> new OrderReturnedEvent(ORDER_ID, status, ADMIN, "note");
            };
            if (target == SHIPPED) {
                // everything left leaves in one shipment: both T-shirts from PROCESSING, the second after S1
                int left = status == PARTIALLY_SHIPPED ? 1 : 2;
                String id = status == PARTIALLY_SHIPPED ? "S2" : "S1";
                given.when(moveTo(target))
                        .expectEvents(
                                new ShipmentCreatedEvent(
                                        ORDER_ID,
                                        id,
                                        List.of(new ShipmentLine(TSHIRT, "Red T-shirt M", left)),
                                        null,
                                        "TRACK-9",
                                        ETA,
                                        ADMIN),
                                expected);
            } else {
                given.when(moveTo(target)).expectEvents(expected);
            }
        } else {
            given.when(moveTo(target))
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage("order is " + status + "; cannot move to " + target);
        }
    }

    @Test
    void shipsWithoutTrackingWhenTheAdminHasNone() {
        fixture.given(anOrderIn(PROCESSING).events())
                .when(new ChangeFulfilmentStatusCommand(ORDER_ID, SHIPPED, ADMIN, null, null, null))
                .expectEvents(
                        new ShipmentCreatedEvent(
                                ORDER_ID,
                                "S1",
                                List.of(new ShipmentLine(TSHIRT, "Red T-shirt M", 2)),
                                null,
                                null,
                                null,
                                ADMIN),
                        new OrderShippedEvent(ORDER_ID, PROCESSING, null, null, ADMIN, null));
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PENDING", "AWAITING_PAYMENT", "CONFIRMED", "REJECTED", "CANCELLED", "ATTENTION"})
    void refusesTargetsThatAreNotFulfilmentSteps(OrderStatus target) {
        fixture.given(anOrderIn(CONFIRMED).events())
                .when(moveTo(target))
                .expectNoEvents()
                .expectException(UnsupportedFulfilmentTargetException.class)
                .expectExceptionMessage("fulfilment cannot move an order to " + target
                        + "; use PROCESSING, SHIPPED, DELIVERED or RETURNED");
    }

    @Test
    void anAdminNoteIsRecordedInAnyStatus() {
        fixture.given(aPlacedOrderHistory().cancelledBy(ADMIN).events())
                .when(new AddAdminNoteCommand(ORDER_ID, ADMIN, "customer asked for an invoice copy"))
                .expectEvents(new AdminNoteAddedEvent(ORDER_ID, ADMIN, "customer asked for an invoice copy"));
    }
}
