package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import io.orderengine.messages.query.AdminOrderSearchWithArchiveQuery;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.FindCustomerOrdersWithArchiveQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class OrderArchiveTest {

    private static final Actor ADMIN = Actor.admin("admin-1");
    private static final Instant CUTOFF = MORNING.plus(Duration.ofDays(1));

    private MongoDatabase database;
    private OrderDetailProjection projection;
    private OrderArchive archive;
    private CustomerOrderHistory history;
    private AdminOrderList list;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        this.database = database;
        ProjectionCollections collections = new ProjectionCollections(database);
        projection = new OrderDetailProjection(
                collections, SimpleQueryUpdateEmitter.builder().build());
        projection.createIndexes();
        archive = new OrderArchive(collections);
        history = new CustomerOrderHistory(collections);
        list = new AdminOrderList(collections);
        feed = new EventFeed(projection);
    }

    private static Instant hours(long hours) {
        return MORNING.plus(Duration.ofHours(hours));
    }

    private OrderStory place(String customer, long placedHoursAfterMorning) {
        return OrderStory.place(
                feed,
                aPlacedOrder()
                        .byCustomer(customer, customer + "@example.com")
                        .placedAt(hours(placedHoursAfterMorning))
                        .build());
    }

    /** Paid, then cancelled by an admin at {@code cancelledAt}. */
    private OrderStory paidAndCancelled(String customer, long placedHoursAfterMorning, Instant cancelledAt) {
        Instant placed = hours(placedHoursAfterMorning);
        return place(customer, placedHoursAfterMorning)
                .awaitPayment(placed.plusSeconds(1))
                .authorize(placed.plusSeconds(2))
                .confirm(placed.plusSeconds(3))
                .cancel(ADMIN, "customer called", cancelledAt);
    }

    private OrderStory delivered(String customer, long placedHoursAfterMorning) {
        Instant placed = hours(placedHoursAfterMorning);
        return place(customer, placedHoursAfterMorning)
                .awaitPayment(placed.plusSeconds(1))
                .confirm(placed.plusSeconds(2))
                .startProcessing(ADMIN, placed.plusSeconds(3))
                .ship("TRK", LocalDate.parse("2025-03-20"), ADMIN, placed.plusSeconds(4))
                .deliver(ADMIN, placed.plusSeconds(5));
    }

    private List<String> ids(String collection) {
        return database.getCollection(collection)
                .find()
                .map(document -> document.getString("_id"))
                .into(new ArrayList<>());
    }

    @Test
    void movesOnlyFinishedOrdersUnchangedSinceTheCutoff() {
        OrderStory cancelled = paidAndCancelled("alice", 0, hours(1));
        OrderStory deliveredOrder = delivered("alice", 2);
        OrderStory confirmed = place("alice", 3).awaitPayment(hours(3)).confirm(hours(4));
        OrderStory cancelledLate = paidAndCancelled("bob", 4, CUTOFF.plusSeconds(60));
        OrderStory rejected = place("bob", 5).reject(List.of(), hours(5));

        int moved = archive.archiveChangedBefore(CUTOFF);

        assertThat(moved).isEqualTo(2);
        assertThat(ids("order_details_archive"))
                .containsExactlyInAnyOrder(
                        cancelled.id().value(), deliveredOrder.id().value());
        assertThat(ids("order_details"))
                .containsExactlyInAnyOrder(
                        confirmed.id().value(),
                        cancelledLate.id().value(),
                        rejected.id().value());
        assertThat(archive.archiveChangedBefore(CUTOFF)).isZero();
    }

    @Test
    void findsArchivedOrdersByIdAndTheirGuestToken() {
        OrderStory guest = OrderStory.place(
                        feed,
                        aPlacedOrder().byGuest("guest@example.com", "cafe").build())
                .cancel(Actor.guest("x"), "changed my mind", hours(1));
        archive.archiveChangedBefore(CUTOFF);

        OrderView view = projection.handle(new FindOrderQuery(guest.id()));

        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(projection.guestTokenMatches(guest.id(), "cafe")).isTrue();
        assertThat(projection.guestTokenMatches(guest.id(), "beef")).isFalse();
    }

    @Test
    void appliesALateRefundToTheArchivedOrderWhereItIs() {
        OrderStory cancelled = paidAndCancelled("alice", 0, hours(1));
        archive.archiveChangedBefore(CUTOFF);

        cancelled.refund(7906, CUTOFF.plus(Duration.ofDays(3)));

        OrderView view = projection.handle(new FindOrderQuery(cancelled.id()));
        assertThat(view.paymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(view.payment().refundedMinor()).isEqualTo(7906);
        assertThat(ids("order_details_archive")).containsExactly(cancelled.id().value());
        assertThat(ids("order_details")).isEmpty();
    }

    @Test
    void ignoresReDeliveredEventsOfArchivedOrders() {
        OrderStory cancelled = paidAndCancelled("alice", 0, hours(1));
        archive.archiveChangedBefore(CUTOFF);
        Document before = database.getCollection("order_details_archive")
                .find(Filters.eq("_id", cancelled.id().value()))
                .first();

        feed.redeliverAll();

        assertThat(ids("order_details")).isEmpty();
        assertThat(database.getCollection("order_details_archive")
                        .find(Filters.eq("_id", cancelled.id().value()))
                        .first())
                .isEqualTo(before);
    }

    @Test
    void listsTheCustomersArchivedOrdersOnlyWhenAskedNewestFirstAcrossBothCollections() {
        OrderStory first = paidAndCancelled("alice", 0, hours(1));
        OrderStory second = place("alice", 1);
        OrderStory third = delivered("alice", 2);
        OrderStory fourth = place("alice", 3);
        place("bob", 4);
        archive.archiveChangedBefore(CUTOFF);
        FindCustomerOrdersQuery alice = new FindCustomerOrdersQuery("alice", null, PageRequest.first(10));

        OrderSummaryPage hotOnly = history.handle(alice);
        OrderSummaryPage all = history.handle(new FindCustomerOrdersWithArchiveQuery(alice));
        OrderSummaryPage secondPage = history.handle(new FindCustomerOrdersWithArchiveQuery(
                new FindCustomerOrdersQuery("alice", null, new PageRequest(1, 3))));

        assertThat(hotOnly.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(fourth.id().value(), second.id().value());
        assertThat(all.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(
                        fourth.id().value(),
                        third.id().value(),
                        second.id().value(),
                        first.id().value());
        assertThat(all.total()).isEqualTo(4);
        assertThat(secondPage.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(first.id().value());
        assertThat(secondPage.total()).isEqualTo(4);
    }

    @Test
    void searchesTheArchiveWithTheAdminsFiltersAndSort() {
        OrderStory small = OrderStory.place(
                        feed,
                        aPlacedOrder()
                                .singleLine("MUG", 1000, 1, "EUR")
                                .placedAt(hours(0))
                                .build())
                .cancel(ADMIN, "test", hours(1));
        OrderStory large = OrderStory.place(
                        feed,
                        aPlacedOrder()
                                .singleLine("MUG", 5000, 1, "EUR")
                                .placedAt(hours(1))
                                .build())
                .cancel(ADMIN, "test", hours(2));
        archive.archiveChangedBefore(CUTOFF);
        OrderStory medium = OrderStory.place(
                        feed,
                        aPlacedOrder()
                                .singleLine("MUG", 3000, 1, "EUR")
                                .placedAt(hours(2))
                                .build())
                .cancel(ADMIN, "test", hours(3));
        place("alice", 3);
        AdminOrderSearchQuery cancelledByTotal = new AdminOrderSearchQuery(
                OrderStatus.CANCELLED,
                null,
                null,
                null,
                null,
                AdminOrderSearchQuery.Sort.TOTAL_DESC,
                PageRequest.first(10));

        OrderSummaryPage hotOnly = list.handle(cancelledByTotal);
        OrderSummaryPage all = list.handle(new AdminOrderSearchWithArchiveQuery(cancelledByTotal));

        assertThat(hotOnly.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(medium.id().value());
        assertThat(all.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(
                        large.id().value(), medium.id().value(), small.id().value());
        assertThat(all.total()).isEqualTo(3);
    }

    @Test
    void rebuildsEverythingIntoTheHotCollectionOnReplay() {
        OrderStory cancelled = paidAndCancelled("alice", 0, hours(1));
        archive.archiveChangedBefore(CUTOFF);

        feed.replay();

        assertThat(ids("order_details")).containsExactly(cancelled.id().value());
        assertThat(ids("order_details_archive")).isEmpty();
    }
}
