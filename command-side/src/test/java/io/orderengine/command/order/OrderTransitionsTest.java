package io.orderengine.command.order;

import static io.orderengine.messages.order.OrderStatus.ATTENTION;
import static io.orderengine.messages.order.OrderStatus.CANCELLED;
import static io.orderengine.messages.order.OrderStatus.CONFIRMED;
import static io.orderengine.messages.order.OrderStatus.PENDING;
import static io.orderengine.messages.order.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderTransitionsTest {

    /** The state machine of PRODUCT.md, written out as the product owner reads it. */
    private static final String[] TABLE = {
        "PENDING          -> AWAITING_PAYMENT REJECTED CANCELLED ATTENTION",
        "AWAITING_PAYMENT -> CONFIRMED CANCELLED ATTENTION",
        "CONFIRMED        -> PROCESSING CANCELLED ATTENTION",
        "PROCESSING       -> PARTIALLY_SHIPPED SHIPPED CANCELLED ATTENTION",
        "PARTIALLY_SHIPPED -> SHIPPED ATTENTION",
        "SHIPPED          -> DELIVERED PARTIALLY_RETURNED RETURNED ATTENTION",
        "DELIVERED        -> PARTIALLY_RETURNED RETURNED",
        "PARTIALLY_RETURNED -> RETURNED ATTENTION",
        "REJECTED         ->",
        "CANCELLED        ->",
        "RETURNED         ->",
    };

    private static final Map<OrderStatus, Set<OrderStatus>> EXPECTED = parse();

    private static Map<OrderStatus, Set<OrderStatus>> parse() {
        Map<OrderStatus, Set<OrderStatus>> table = new EnumMap<>(OrderStatus.class);
        for (String row : TABLE) {
            String[] sides = row.split("->", -1);
            Set<OrderStatus> targets = EnumSet.noneOf(OrderStatus.class);
            Arrays.stream(sides[1].trim().split("\\s+"))
                    .filter(s -> !s.isEmpty())
                    .forEach(s -> targets.add(OrderStatus.valueOf(s)));
            table.put(OrderStatus.valueOf(sides[0].trim()), targets);
        }
        return table;
    }

    static Stream<Arguments> everyPairOutsideAttention() {
        return EXPECTED.keySet().stream()
                .flatMap(from -> Stream.of(OrderStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPairOutsideAttention")
    void allowsExactlyTheMovesOfTheTable(OrderStatus from, OrderStatus to) {
        assertThat(OrderTransitions.allows(from, null, to))
                .isEqualTo(EXPECTED.get(from).contains(to));
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {
                "PENDING",
                "AWAITING_PAYMENT",
                "CONFIRMED",
                "PROCESSING",
                "PARTIALLY_SHIPPED",
                "SHIPPED",
                "PARTIALLY_RETURNED"
            })
    void inAttentionTheOrderMayGoWhereverItsPreviousStatusCouldExceptIntoAttentionAgain(OrderStatus previous) {
        Set<OrderStatus> expected = EnumSet.copyOf(EXPECTED.get(previous));
        expected.remove(ATTENTION);

        assertThat(OrderTransitions.targetsFrom(ATTENTION, previous)).isEqualTo(expected);
    }

    @Test
    void anOrderInAttentionWithoutAPreviousStatusCannotMove() {
        assertThat(OrderTransitions.targetsFrom(ATTENTION, null)).isEmpty();
    }

    @Test
    void everyStatusThatIsFinalHasNowhereToGoButDeliveredMayStillBeReturned() {
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isFinal() && status != OrderStatus.DELIVERED) {
                assertThat(OrderTransitions.targetsFrom(status, null))
                        .as(status.name())
                        .isEmpty();
            }
        }
        assertThat(OrderTransitions.targetsFrom(OrderStatus.DELIVERED, null))
                .containsExactly(OrderStatus.PARTIALLY_RETURNED, OrderStatus.RETURNED);
    }

    @Test
    void anIllegalMoveNamesTheCurrentStatus() {
        assertThatThrownBy(() -> OrderTransitions.requireAllowed(SHIPPED, null, CANCELLED))
                .isInstanceOf(IllegalOrderTransitionException.class)
                .hasMessage("order is SHIPPED; cannot move to CANCELLED")
                .satisfies(e -> {
                    IllegalOrderTransitionException illegal = (IllegalOrderTransitionException) e;
                    assertThat(illegal.current()).isEqualTo(SHIPPED);
                    assertThat(illegal.target()).isEqualTo(CANCELLED);
                });
    }

    @Test
    void ownersCancelUntilPaidAdminsUntilShippedAndTheEngineWhileTheCheckoutRuns() {
        assertThat(cancellableBy(Actor.Type.CUSTOMER, null))
                .containsExactlyInAnyOrder(PENDING, OrderStatus.AWAITING_PAYMENT, CONFIRMED);
        assertThat(cancellableBy(Actor.Type.GUEST, null))
                .containsExactlyInAnyOrder(PENDING, OrderStatus.AWAITING_PAYMENT, CONFIRMED);
        assertThat(cancellableBy(Actor.Type.ADMIN, CONFIRMED))
                .containsExactlyInAnyOrder(
                        PENDING, OrderStatus.AWAITING_PAYMENT, CONFIRMED, OrderStatus.PROCESSING, ATTENTION);
        assertThat(cancellableBy(Actor.Type.SYSTEM, CONFIRMED))
                .containsExactlyInAnyOrder(PENDING, OrderStatus.AWAITING_PAYMENT, ATTENTION);
    }

    @Test
    void nobodyCancelsAnOrderThatWasShippedBeforeItNeededAttention() {
        for (Actor.Type type : Actor.Type.values()) {
            assertThat(OrderTransitions.canCancel(type, ATTENTION, SHIPPED))
                    .as(type.name())
                    .isFalse();
        }
    }

    private static Set<OrderStatus> cancellableBy(Actor.Type type, OrderStatus beforeAttention) {
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            if (OrderTransitions.canCancel(type, status, status == ATTENTION ? beforeAttention : null)) {
                statuses.add(status);
            }
        }
        return statuses;
    }
}
