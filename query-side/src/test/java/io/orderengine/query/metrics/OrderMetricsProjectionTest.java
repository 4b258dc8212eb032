package io.orderengine.query.metrics;

import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.AdminOverviewQuery;
import io.orderengine.messages.query.DailyMetricsQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class OrderMetricsProjectionTest {

    private static final LocalDate DAY = LocalDate.parse("2025-03-14");
    private static final Instant NOON = Instant.parse("2025-03-14T12:00:00Z");

    private OrderMetricsProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        projection = new OrderMetricsProjection(new ProjectionCollections(database));
        projection.createIndexes();
        feed = new EventFeed(projection);
    }

    private OrderStory place(long totalMinor, String currency, Instant at) {
        return OrderStory.place(
                feed,
                aPlacedOrder()
                        .singleLine("MUG", totalMinor, 1, currency)
                        .placedAt(at)
                        .build());
    }

    /** Placed at {@code at}, confirmed {@code secondsToConfirm} later. */
    private OrderStory paid(long totalMinor, Instant at, long secondsToConfirm) {
        return place(totalMinor, "EUR", at)
                .awaitPayment(at.plusSeconds(1))
                .authorize(at.plusSeconds(2))
                .confirm(at.plusSeconds(secondsToConfirm));
    }

    private DailyMetrics metrics(LocalDate date) {
        return projection.handle(new DailyMetricsQuery(date));
    }

    @Test
    void measuresTheDaysOrdersPaymentsAndTimeToConfirm() {
        paid(1000, NOON, 10);
        paid(3000, NOON.plusSeconds(60), 30);
        place(2001, "EUR", NOON.plusSeconds(120))
                .awaitPayment(NOON.plusSeconds(121))
                .failPayment("declined", NOON.plusSeconds(122));

        DailyMetrics metrics = metrics(DAY);

        assertThat(metrics.orders()).isEqualTo(3);
        assertThat(metrics.succeeded()).isEqualTo(2);
        assertThat(metrics.failed()).isEqualTo(1);
        assertThat(metrics.paymentSuccessRate()).isEqualTo(2.0 / 3);
        assertThat(metrics.averageOrderValueMinor()).isEqualTo(Map.of("EUR", 2000L));
        assertThat(metrics.averageTimeToConfirmMillis()).isEqualTo(20_000L);
        assertThat(metrics.revenueMinor()).isEqualTo(Map.of("EUR", 4000L));
        assertThat(metrics.alerts()).containsExactly(MetricsAlertPolicy.LOW_SUCCESS_RATE);
        assertThat(metrics.alert()).isTrue();
    }

    @Test
    void raisesNoAlertAtExactlyEightyPercentAndSixtySeconds() {
        for (int i = 0; i < 4; i++) {
            paid(1000, NOON.plusSeconds(i * 100L), 60);
        }
        place(1000, "EUR", NOON.plusSeconds(500)).failPayment("declined", NOON.plusSeconds(501));

        DailyMetrics metrics = metrics(DAY);

        assertThat(metrics.paymentSuccessRate()).isEqualTo(0.8);
        assertThat(metrics.averageTimeToConfirmMillis()).isEqualTo(60_000L);
        assertThat(metrics.alerts()).isEmpty();
        assertThat(metrics.alert()).isFalse();
    }

    @Test
    void alertsWhenConfirmingTakesLongerThanAMinuteOnAverage() {
        paid(1000, NOON, 61);

        assertThat(metrics(DAY).alerts()).containsExactly(MetricsAlertPolicy.SLOW_CONFIRMATION);
    }

    @Test
    void countsAConfirmationOnTheDayItHappenedAndRefundsAgainstTheirDay() {
        Instant lateEvening = Instant.parse("2025-03-14T23:59:30Z");
        OrderStory order = paid(5000, lateEvening, 45);
        order.refund(2000, Instant.parse("2025-03-20T10:00:00Z"));

        assertThat(metrics(DAY).orders()).isEqualTo(1);
        assertThat(metrics(DAY).succeeded()).isZero();
        assertThat(metrics(DAY.plusDays(1)).succeeded()).isEqualTo(1);
        assertThat(metrics(DAY.plusDays(1)).averageTimeToConfirmMillis()).isEqualTo(45_000L);
        assertThat(metrics(LocalDate.parse("2025-03-20")).revenueMinor()).isEqualTo(Map.of("EUR", -2000L));
    }

    @Test
    void aCapturedEditBalanceIsRevenueOfItsDayAndItsRefundsAreTakenOffLikeAnyOther() {
        OrderStory order = paid(5000, NOON, 10);
        feed.publish(
                "Order",
                order.id().value(),
                new EditBalancePaidEvent(
                        order.id(), "ed-1", "sbx_balance", "sbx_cap_b", Money.of(1500, "EUR"), PaymentStatus.PAID),
                Instant.parse("2025-03-15T09:00:00Z"));
        order.refund(6500, Instant.parse("2025-03-16T09:00:00Z"));

        assertThat(metrics(DAY).revenueMinor()).isEqualTo(Map.of("EUR", 5000L));
        assertThat(metrics(DAY.plusDays(1)).revenueMinor()).isEqualTo(Map.of("EUR", 1500L));
        assertThat(metrics(DAY.plusDays(1)).succeeded()).isZero();
        assertThat(metrics(DAY.plusDays(2)).revenueMinor()).isEqualTo(Map.of("EUR", -6500L));

        DailyMetrics live = metrics(DAY.plusDays(1));
        feed.redeliverAll();
        feed.replay();
        assertThat(metrics(DAY.plusDays(1))).isEqualTo(live);
    }

    @Test
    void keepsCurrenciesApart() {
        place(1000, "EUR", NOON);
        place(5000, "ILS", NOON);
        place(7000, "ILS", NOON);

        assertThat(metrics(DAY).averageOrderValueMinor()).isEqualTo(Map.of("EUR", 1000L, "ILS", 6000L));
    }

    @Test
    void answersEmptyMetricsForAQuietDay() {
        DailyMetrics metrics = metrics(DAY);

        assertThat(metrics)
                .isEqualTo(
                        new DailyMetrics(DAY, 0, 0, 0, null, Map.of(), null, Map.of(), false, List.of(), 0, Map.of()));
    }

    @Test
    void summarisesTodayPendingOrdersMonthlyRevenueAndStatuses() {
        paid(1000, Instant.parse("2025-03-01T08:00:00Z"), 5).refund(300, Instant.parse("2025-03-02T08:00:00Z"));
        paid(4000, Instant.parse("2025-02-28T08:00:00Z"), 5);
        paid(2000, NOON, 5);
        place(500, "EUR", NOON.plusSeconds(10));
        place(700, "EUR", NOON.plusSeconds(20)).awaitPayment(NOON.plusSeconds(21));
        place(900, "EUR", NOON.plusSeconds(30)).cancel(Actor.customer("alice"), "oops", NOON.plusSeconds(31));

        AdminOverview overview = projection.handle(new AdminOverviewQuery(DAY));

        assertThat(overview.ordersToday()).isEqualTo(4);
        assertThat(overview.pendingCount()).isEqualTo(2);
        assertThat(overview.revenueThisMonthMinor()).isEqualTo(Map.of("EUR", 2700L));
        assertThat(overview.ordersByStatus())
                .containsEntry(OrderStatus.CONFIRMED, 3L)
                .containsEntry(OrderStatus.PENDING, 1L)
                .containsEntry(OrderStatus.AWAITING_PAYMENT, 1L)
                .containsEntry(OrderStatus.CANCELLED, 1L)
                .containsEntry(OrderStatus.SHIPPED, 0L)
                .hasSize(OrderStatus.values().length);
    }

    @Test
    void countsNothingTwiceOnRedeliveryAndRebuildsTheSameOnReplay() {
        paid(1000, NOON, 10).refund(400, NOON.plusSeconds(600));
        place(2000, "EUR", NOON.plusSeconds(60))
                .awaitPayment(NOON.plusSeconds(61))
                .failPayment("declined", NOON.plusSeconds(62));
        DailyMetrics liveMetrics = metrics(DAY);
        AdminOverview liveOverview = projection.handle(new AdminOverviewQuery(DAY));

        feed.redeliverAll();
        assertThat(metrics(DAY)).isEqualTo(liveMetrics);
        assertThat(projection.handle(new AdminOverviewQuery(DAY))).isEqualTo(liveOverview);

        feed.replay();
        assertThat(metrics(DAY)).isEqualTo(liveMetrics);
        assertThat(projection.handle(new AdminOverviewQuery(DAY))).isEqualTo(liveOverview);
    }
}
