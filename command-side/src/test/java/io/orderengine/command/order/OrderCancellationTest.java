package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.messages.order.OrderStatus.ATTENTION;
import static io.orderengine.messages.order.OrderStatus.AWAITING_PAYMENT;
import static io.orderengine.messages.order.OrderStatus.CONFIRMED;
import static io.orderengine.messages.order.OrderStatus.PENDING;
import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.CUSTOMER;
import static io.orderengine.testkit.OrderFixtures.GUEST;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.SAGA;
import static io.orderengine.testkit.OrderFixtures.TOTAL;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static io.orderengine.testkit.OrderFixtures.eur;
import static org.hamcrest.Matchers.startsWith;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.testkit.OrderHistory;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may cancel when, and what a cancellation tells the saga to undo. */
class OrderCancellationTest {

    /** PRODUCT.md: owners until paid, admins until shipped, the engine while the checkout runs or is stuck. */
    private static final Map<Actor, Set<OrderStatus>> MAY_CANCEL = Map.of(
            CUSTOMER, EnumSet.of(PENDING, AWAITING_PAYMENT, CONFIRMED),
            GUEST, EnumSet.of(PENDING, AWAITING_PAYMENT, CONFIRMED),
            ADMIN, EnumSet.of(PENDING, AWAITING_PAYMENT, CONFIRMED, PROCESSING, ATTENTION),
            SAGA, EnumSet.of(PENDING, AWAITING_PAYMENT, ATTENTION));

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    /** The owner's reference when they cancelled (their reason is their personal data), else null. */
    private static CustomerRef ownersWords(Actor actor, OrderHistory history) {
        OrderPlacedEvent placed = (OrderPlacedEvent) history.events().get(0);
        return placed.customer().ifWrittenBy(actor);
    }

    static Stream<Arguments> everyActorInEveryStatus() {
        return MAY_CANCEL.keySet().stream()
                .flatMap(actor -> Stream.of(OrderStatus.values()).map(status -> Arguments.of(actor, status)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyActorInEveryStatus")
    void cancelsExactlyWhenTheActorMayInThatStatus(Actor actor, OrderStatus status) {
        OrderHistory history = anOrderIn(status);
        boolean paid = status == CONFIRMED || status == PROCESSING;
        Money refundDue = paid ? TOTAL : eur(0);

        if (MAY_CANCEL.get(actor).contains(status)) {
            fixture.given(history.events())
                    .when(new CancelOrderCommand(ORDER_ID, actor, "changed my mind"))
                    .expectEvents(new OrderCancelledEvent(
                            ORDER_ID, status, actor, "changed my mind", refundDue, paid, ownersWords(actor, history)));
        } else if (status == OrderStatus.CANCELLED && actor.isSystem()) {
            fixture.given(history.events())
                    .when(new CancelOrderCommand(ORDER_ID, actor, "payment deadline passed"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        } else {
            fixture.given(history.events())
                    .when(new CancelOrderCommand(ORDER_ID, actor, "changed my mind"))
                    .expectNoEvents()
                    .expectException(IllegalOrderTransitionException.class)
                    .expectExceptionMessage(startsWith("order is " + status + "; "));
        }
    }

    @Test
    void namesTheCurrentStatusWhenTheOrderCannotBeCancelledByAnyone() {
        fixture.given(anOrderIn(OrderStatus.SHIPPED).events())
                .when(new CancelOrderCommand(ORDER_ID, ADMIN, "too late"))
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is SHIPPED; cannot move to CANCELLED");
    }

    @Test
    void namesTheCurrentStatusAndTheActorWhenOnlySomeoneElseMayCancel() {
        fixture.given(anOrderIn(PROCESSING).events())
                .when(new CancelOrderCommand(ORDER_ID, CUSTOMER, "changed my mind"))
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is PROCESSING; customer cannot move it to CANCELLED");
    }

    @Test
    void aCancellationByAPersonOfAnOrderAlreadyCancelledIsRefused() {
        fixture.given(aPlacedOrderHistory().cancelledBy(SAGA).events())
                .when(new CancelOrderCommand(ORDER_ID, ADMIN, "again"))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is CANCELLED; cannot move to CANCELLED");
    }

    @Test
    void theRefundDueIsWhatWasCapturedLessWhatWasAlreadyRefunded() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .confirmed()
                        .refunded("r-1", "sbx_re_1", 1000)
                        .events())
                .when(new CancelOrderCommand(ORDER_ID, ADMIN, "customer called"))
                .expectEvents(new OrderCancelledEvent(ORDER_ID, CONFIRMED, ADMIN, "customer called", eur(5490), true));
    }

    @Test
    void anOrderPaidBeforeItNeededAttentionCancelsWithItsStockCommitted() {
        fixture.given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .confirmed()
                        .flagged()
                        .events())
                .when(new CancelOrderCommand(ORDER_ID, SAGA, "capture disputed"))
                .expectEvents(new OrderCancelledEvent(ORDER_ID, ATTENTION, SAGA, "capture disputed", TOTAL, true));
    }

    @Test
    void anAdminCannotCancelAnOrderThatWasShippedBeforeItNeededAttention() {
        fixture.given(anOrderIn(OrderStatus.SHIPPED).flagged().events())
                .when(new CancelOrderCommand(ORDER_ID, ADMIN, "lost parcel"))
                .expectNoEvents()
                .expectException(IllegalOrderTransitionException.class)
                .expectExceptionMessage("order is ATTENTION; cannot move to CANCELLED");
    }
}
