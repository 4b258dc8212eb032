package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class CustomerOrderHistoryTest {

    private CustomerOrderHistory history;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        OrderDetailProjection detail = new OrderDetailProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        history = new CustomerOrderHistory(new ProjectionCollections(database));
        detail.createIndexes();
        feed = new EventFeed(detail);
    }

    private OrderStory placeAt(String customerId, long hoursAfterMorning) {
        Instant at = MORNING.plus(Duration.ofHours(hoursAfterMorning));
        return OrderStory.place(
                feed,
                aPlacedOrder()
                        .byCustomer(customerId, customerId + "@example.com")
                        .placedAt(at)
                        .build());
    }

    @Test
    void listsOnlyTheCustomersOwnOrdersNewestFirst() {
        OrderStory first = placeAt("alice", 0);
        placeAt("bob", 1);
        OrderStory second = placeAt("alice", 2);
        OrderStory third = placeAt("alice", 3);

        OrderSummaryPage page = history.handle(new FindCustomerOrdersQuery("alice", null, PageRequest.first(10)));

        assertThat(page.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(
                        third.id().value(), second.id().value(), first.id().value());
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items().get(0))
                .extracting(
                        OrderSummaryView::customerId,
                        OrderSummaryView::itemCount,
                        OrderSummaryView::totalMinor,
                        OrderSummaryView::currency,
                        OrderSummaryView::customerName)
                .containsExactly("alice", 3, 7906L, "EUR", "Alice Example");
    }

    @Test
    void pagesThroughTheHistoryWithTheTotalCount() {
        for (int hour = 0; hour < 5; hour++) {
            placeAt("alice", hour);
        }

        OrderSummaryPage second = history.handle(new FindCustomerOrdersQuery("alice", null, new PageRequest(1, 2)));
        OrderSummaryPage last = history.handle(new FindCustomerOrdersQuery("alice", null, new PageRequest(2, 2)));

        assertThat(second.items())
                .extracting(OrderSummaryView::placedAt)
                .containsExactly(MORNING.plus(Duration.ofHours(2)), MORNING.plus(Duration.ofHours(1)));
        assertThat(last.items()).hasSize(1);
        assertThat(second)
                .extracting(OrderSummaryPage::page, OrderSummaryPage::size, OrderSummaryPage::total)
                .containsExactly(1, 2, 5L);
    }

    @Test
    void filtersByStatus() {
        OrderStory cancelled =
                placeAt("alice", 0).cancel(Actor.customer("alice"), "no longer needed", MORNING.plusSeconds(60));
        placeAt("alice", 1);

        OrderSummaryPage page =
                history.handle(new FindCustomerOrdersQuery("alice", OrderStatus.CANCELLED, PageRequest.first(10)));

        assertThat(page.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(cancelled.id().value());
        assertThat(page.items().get(0).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void listsNothingForGuestsOrUnknownCustomers() {
        OrderStory.place(
                feed, aPlacedOrder().byGuest("guest@example.com", "hash").build());

        assertThat(history.handle(new FindCustomerOrdersQuery("nobody", null, PageRequest.first(10)))
                        .items())
                .isEmpty();
        assertThat(history.handle(new FindCustomerOrdersQuery(null, null, PageRequest.first(10)))
                        .total())
                .isZero();
    }
}
