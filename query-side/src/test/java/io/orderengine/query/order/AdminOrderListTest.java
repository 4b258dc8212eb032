package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.AdminOrderSearchQuery;
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
class AdminOrderListTest {

    private static final PageRequest FIRST_PAGE = PageRequest.first(20);

    private AdminOrderList list;
    private OrderStory small;
    private OrderStory medium;
    private OrderStory large;

    @BeforeEach
    void setUp(MongoDatabase database) {
        OrderDetailProjection detail = new OrderDetailProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        list = new AdminOrderList(new ProjectionCollections(database));
        detail.createIndexes();
        EventFeed feed = new EventFeed(detail);
        small = OrderStory.place(
                feed,
                aPlacedOrder()
                        .number("ORD-20250314-000001")
                        .byCustomer("alice", "Alice@Example.com")
                        .shippedTo("Alice Example")
                        .singleLine("PEN", 100, 1, "EUR")
                        .placedAt(hours(0))
                        .build());
        medium = OrderStory.place(
                feed,
                aPlacedOrder()
                        .number("ORD-20250314-000002")
                        .byGuest("bob@shop.test", "hash")
                        .shippedTo("Bob (Robert) Smith")
                        .billedTo("Carol Payer")
                        .singleLine("MUG", 1200, 1, "EUR")
                        .placedAt(hours(1))
                        .build());
        large = OrderStory.place(
                feed,
                aPlacedOrder()
                        .number("ORD-20250315-000001")
                        .byCustomer("dave", "dave@example.com")
                        .shippedTo("Dave Jones")
                        .singleLine("COAT", 20000, 1, "EUR")
                        .placedAt(hours(25))
                        .build());
        medium.awaitPayment(hours(2)).failPayment("declined", hours(3));
        large.awaitPayment(hours(26)).authorize(hours(26)).confirm(hours(26));
    }

    private static Instant hours(long hours) {
        return MORNING.plus(Duration.ofHours(hours));
    }

    private OrderSummaryPage search(
            OrderStatus status,
            PaymentStatus paymentStatus,
            Instant from,
            Instant to,
            String text,
            AdminOrderSearchQuery.Sort sort) {
        return list.handle(new AdminOrderSearchQuery(status, paymentStatus, from, to, text, sort, FIRST_PAGE));
    }

    private OrderSummaryPage searchText(String text) {
        return search(null, null, null, null, text, null);
    }

    @Test
    void listsEveryOrderNewestFirstByDefault() {
        OrderSummaryPage page = list.handle(AdminOrderSearchQuery.all(FIRST_PAGE));

        assertThat(page.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(
                        large.id().value(), medium.id().value(), small.id().value());
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void filtersByStatusAndPaymentStatus() {
        assertThat(search(OrderStatus.CONFIRMED, null, null, null, null, null).items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(large.id().value());
        assertThat(search(null, PaymentStatus.FAILED, null, null, null, null).items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(medium.id().value());
        assertThat(search(OrderStatus.PENDING, PaymentStatus.PENDING, null, null, null, null)
                        .items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(small.id().value());
        assertThat(search(OrderStatus.PENDING, PaymentStatus.PAID, null, null, null, null)
                        .total())
                .isZero();
    }

    @Test
    void filtersByPlacementTimeFromInclusiveToExclusive() {
        OrderSummaryPage firstDay = search(null, null, hours(0), hours(24), null, null);
        OrderSummaryPage fromSecondOrder = search(null, null, hours(1), null, null, null);

        assertThat(firstDay.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(medium.id().value(), small.id().value());
        assertThat(fromSecondOrder.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(large.id().value(), medium.id().value());
    }

    @Test
    void searchesOrderNumberCustomerNameAndEmailIgnoringCase() {
        assertThat(searchText("20250315").items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(large.id().value());
        assertThat(searchText("ALICE@example").items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(small.id().value());
        assertThat(searchText("jones").items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(large.id().value());
        assertThat(searchText("carol").items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(medium.id().value());
        assertThat(searchText("example.com").total()).isEqualTo(2);
    }

    @Test
    void matchesSearchTextLiterallyNotAsAPattern() {
        assertThat(searchText("(Robert)").items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(medium.id().value());
        assertThat(searchText(".*").total()).isZero();
    }

    @Test
    void sortsByTotalEitherWay() {
        assertThat(search(null, null, null, null, null, AdminOrderSearchQuery.Sort.TOTAL_DESC)
                        .items())
                .extracting(OrderSummaryView::totalMinor)
                .containsExactly(20000L, 1200L, 100L);
        assertThat(search(null, null, null, null, null, AdminOrderSearchQuery.Sort.TOTAL_ASC)
                        .items())
                .extracting(OrderSummaryView::totalMinor)
                .containsExactly(100L, 1200L, 20000L);
        assertThat(search(null, null, null, null, null, AdminOrderSearchQuery.Sort.PLACED_AT_ASC)
                        .items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(
                        small.id().value(), medium.id().value(), large.id().value());
    }

    @Test
    void pagesWithTheTotalCountOfMatches() {
        OrderSummaryPage page =
                list.handle(new AdminOrderSearchQuery(null, null, null, null, null, null, new PageRequest(1, 2)));

        assertThat(page.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(small.id().value());
        assertThat(page)
                .extracting(OrderSummaryPage::page, OrderSummaryPage::size, OrderSummaryPage::total)
                .containsExactly(1, 2, 3L);
    }
}
