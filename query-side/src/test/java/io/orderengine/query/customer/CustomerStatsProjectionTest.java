package io.orderengine.query.customer;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.query.FindCustomerStatsQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class CustomerStatsProjectionTest {

    private CustomerStatsProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        projection = new CustomerStatsProjection(new ProjectionCollections(database));
        feed = new EventFeed(projection);
    }

    private static Instant days(long days) {
        return MORNING.plus(Duration.ofDays(days));
    }

    private OrderStory paidOrder(String customerId, long totalMinor, Instant placedAt) {
        return OrderStory.place(
                        feed,
                        aPlacedOrder()
                                .byCustomer(customerId, customerId + "@example.com")
                                .singleLine("MUG", totalMinor, 1, "EUR")
                                .placedAt(placedAt)
                                .build())
                .awaitPayment(placedAt.plusSeconds(1))
                .authorize(placedAt.plusSeconds(2))
                .confirm(placedAt.plusSeconds(3));
    }

    private CustomerStatsView stats(String customerId) {
        return projection.handle(new FindCustomerStatsQuery(customerId));
    }

    @Test
    void countsOrdersSpendingAndTheLastOrderDate() {
        paidOrder("alice", 5000, days(0)).refund(1500, days(1));
        paidOrder("alice", 2000, days(3));
        OrderStory.place(
                        feed,
                        aPlacedOrder()
                                .byCustomer("alice", "alice@example.com")
                                .placedAt(days(2))
                                .build())
                .cancel(Actor.customer("alice"), "mistake", days(2).plusSeconds(5));
        paidOrder("bob", 999, days(4));

        assertThat(stats("alice")).isEqualTo(new CustomerStatsView("alice", 3, Map.of("EUR", 5500L), days(3)));
        assertThat(stats("bob").orderCount()).isEqualTo(1);
    }

    @Test
    void answersZerosForACustomerWithoutOrders() {
        assertThat(stats("nobody")).isEqualTo(new CustomerStatsView("nobody", 0, Map.of(), null));
    }

    @Test
    void leavesGuestOrdersOut() {
        OrderStory.place(
                        feed,
                        aPlacedOrder().byGuest("guest@example.com", "hash").build())
                .awaitPayment(days(0))
                .confirm(days(0));

        assertThat(stats("guest@example.com").orderCount()).isZero();
    }

    @Test
    void countsNothingTwiceOnRedeliveryAndRebuildsTheSameOnReplay() {
        paidOrder("alice", 5000, days(0)).refund(1500, days(1));
        paidOrder("alice", 2000, days(3));
        CustomerStatsView live = stats("alice");

        feed.redeliverAll();
        assertThat(stats("alice")).isEqualTo(live);

        feed.replay();
        assertThat(stats("alice")).isEqualTo(live);
    }
}
