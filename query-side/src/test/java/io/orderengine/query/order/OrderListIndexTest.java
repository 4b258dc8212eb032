package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import io.orderengine.messages.query.AdminOrderSearchWithArchiveQuery;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.FindCustomerOrdersWithArchiveQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order lists kept by {@code _id} ({@link OrderListIndex}) answer exactly what the queries on
 * {@code order_details} answered (order newest first with ties by id, paging, totals, status filter, archive), and
 * stay the same when events are re-delivered or replayed, and when one customer's orders are handled concurrently.
 */
@ExtendWith(EmbeddedMongo.class)
class OrderListIndexTest {

    private static final Actor ADMIN = Actor.admin("admin-1");
    private static final List<String> CUSTOMERS = List.of("alice", "bob", "carol|x", "dan%7C");

    private MongoDatabase database;
    private ProjectionCollections collections;
    private OrderDetailProjection projection;
    private CustomerOrderHistory history;
    private AdminOrderList admin;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        this.database = database;
        collections = new ProjectionCollections(database);
        projection = new OrderDetailProjection(
                collections, SimpleQueryUpdateEmitter.builder().build());
        projection.createIndexes();
        history = new CustomerOrderHistory(collections);
        admin = new AdminOrderList(collections);
        feed = new EventFeed(projection);
    }

    private MongoCollection<Document> index() {
        return database.getCollection(OrderListIndex.COLLECTION);
    }

    /**
     * Orders of four customers (two with ids that contain the key separator or its escape) and guests, placed out
     * of time order, several at the same instant and across two months; some paid, cancelled or delivered, and
     * the finished ones placed early archived.
     */
    private void aBusyShop() {
        Random random = new Random(7);
        Instant base = Instant.parse("2025-03-30T20:00:00Z");
        List<OrderStory> stories = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant at = base.plus(Duration.ofHours(random.nextInt(60)));
            OrderStory story = i % 7 == 0
                    ? OrderStory.place(
                            feed,
                            aPlacedOrder()
                                    .byGuest("g" + i + "@example.com", "hash")
                                    .placedAt(at)
                                    .build())
                    : OrderStory.place(
                            feed,
                            aPlacedOrder()
                                    .byCustomer(CUSTOMERS.get(i % CUSTOMERS.size()), "c" + i + "@example.com")
                                    .placedAt(at)
                                    .build());
            stories.add(story);
            Instant later = at.plusSeconds(60);
            switch (i % 5) {
                case 1 -> story.cancel(ADMIN, "changed", later);
                case 2 -> story.awaitPayment(later).confirm(later.plusSeconds(1));
                case 3 ->
                    story.awaitPayment(later)
                            .confirm(later.plusSeconds(1))
                            .startProcessing(ADMIN, later.plusSeconds(2))
                            .ship("TRK", LocalDate.parse("2025-04-10"), ADMIN, later.plusSeconds(3))
                            .deliver(ADMIN, later.plusSeconds(4));
                default -> {}
            }
        }
        new OrderArchive(collections).archiveChangedBefore(base.plus(Duration.ofHours(40)));
        assertThat(database.getCollection(OrderDocuments.ARCHIVE_COLLECTION).countDocuments())
                .isPositive();
    }

    @Test
    void customerHistoriesAnswerExactlyWhatTheScanOfOrderDetailsAnswers() {
        aBusyShop();
        List<Object> fromIndex = customerAnswers();
        List<Object> fromScan = withoutIndex(this::customerAnswers);

        assertThat(fromIndex).isEqualTo(fromScan);
        assertThat(fromIndex)
                .anySatisfy(
                        page -> assertThat(((OrderSummaryPage) page).total()).isGreaterThan(5));
        OrderListIndex lists = new OrderListIndex(collections.live(OrderDetailProjection.PROCESSING_GROUP));
        assertThat(lists.customerEntries("carol|x"))
                .as("served from the lists, not the scan")
                .hasSize((int) history.handle(new FindCustomerOrdersWithArchiveQuery(
                                new FindCustomerOrdersQuery("carol|x", null, PageRequest.first(5))))
                        .total());
    }

    @Test
    void theDefaultAdminListAnswersExactlyWhatTheScanOfOrderDetailsAnswers() {
        aBusyShop();
        List<Object> fromIndex = adminAnswers();
        List<Object> fromScan = withoutIndex(this::adminAnswers);

        assertThat(fromIndex).isEqualTo(fromScan);
        assertThat(((OrderSummaryPage) fromIndex.get(0)).items()).isNotEmpty();
        OrderListIndex.Latest latest =
                new OrderListIndex(collections.live(OrderDetailProjection.PROCESSING_GROUP)).latest();
        assertThat(latest.all()).isTrue();
        assertThat(latest.orderIds()).hasSize((int) ((OrderSummaryPage) fromIndex.get(0)).total());
    }

    @Test
    void redeliveredEventsAndAReplayLeaveTheListsAsTheyWere() {
        aBusyShop();
        List<Document> before = indexDocuments();
        List<Object> answers = customerAnswers();

        feed.redeliverAll();
        assertThat(indexDocuments()).isEqualTo(before);
        assertThat(customerAnswers()).isEqualTo(answers);

        feed.replay();
        new OrderArchive(collections)
                .archiveChangedBefore(Instant.parse("2025-03-30T20:00:00Z").plus(Duration.ofHours(40)));
        assertThat(indexDocuments()).isEqualTo(before);
        assertThat(customerAnswers()).isEqualTo(answers);
    }

    @Test
    void aListsWriteLostInACrashIsMadeGoodWhenTheEventIsRedelivered() {
        OrderStory placed = OrderStory.place(
                feed,
                aPlacedOrder()
                        .byCustomer("alice", "a@example.com")
                        .placedAt(MORNING)
                        .build());
        placed.cancel(ADMIN, "changed", MORNING.plusSeconds(60));
        List<Document> healthy = indexDocuments();
        // the crash: the order detail document was written, the lists were not
        index().deleteMany(Filters.ne("_id", OrderListIndex.STATE));

        feed.redeliverAll();

        assertThat(indexDocuments()).isEqualTo(healthy);
        assertThat(history.handle(new FindCustomerOrdersQuery("alice", OrderStatus.CANCELLED, PageRequest.first(5)))
                        .items())
                .extracting(OrderSummaryView::orderId)
                .containsExactly(placed.id().value());
    }

    @Test
    void ordersOfOneCustomerHandledOnSeveralThreadsAreAllListed() throws Exception {
        int threads = 6;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            EventFeed own = new EventFeed(projection);
            running.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < perThread; i++) {
                            OrderStory story = OrderStory.place(
                                    own,
                                    aPlacedOrder()
                                            .byCustomer("alice", "a@example.com")
                                            .placedAt(MORNING.plusSeconds(thread * 1000L + i))
                                            .build());
                            if (i % 2 == 0) {
                                story.cancel(ADMIN, "changed", MORNING.plusSeconds(5000));
                            }
                        }
                    },
                    pool));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        pool.shutdown();

        OrderSummaryPage all = history.handle(new FindCustomerOrdersQuery("alice", null, PageRequest.first(500)));
        OrderSummaryPage cancelled =
                history.handle(new FindCustomerOrdersQuery("alice", OrderStatus.CANCELLED, PageRequest.first(500)));
        OrderSummaryPage latest = admin.handle(AdminOrderSearchQuery.all(PageRequest.first(500)));

        assertThat(all.total()).isEqualTo(threads * perThread);
        assertThat(all.items()).hasSize(threads * perThread);
        assertThat(cancelled.total()).isEqualTo(threads * ((perThread + 1) / 2));
        assertThat(latest.items())
                .extracting(OrderSummaryView::orderId)
                .containsExactlyElementsOf(
                        all.items().stream().map(OrderSummaryView::orderId).toList());
    }

    @Test
    void theLatestOrdersKeepTheNewestAndPagesBeyondThemAreServedByTheScan() {
        MongoCollection<Document> details = database.getCollection(OrderDocuments.COLLECTION);
        OrderListIndex small = new OrderListIndex(collections.live(OrderDetailProjection.PROCESSING_GROUP), 5);
        Random random = new Random(11);
        List<Document> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Document order = new Document("_id", "order-" + (char) ('a' + random.nextInt(26)) + i)
                    .append(OrderDocuments.ORDER_NUMBER, "ORD-" + i)
                    .append(OrderDocuments.STATUS, OrderStatus.PENDING.name())
                    .append(OrderDocuments.PAYMENT_STATUS, "PENDING")
                    .append(OrderDocuments.CUSTOMER, new Document("customerId", null).append("email", "g@example.com"))
                    .append(OrderDocuments.CUSTOMER_NAME, "Guest")
                    .append(OrderDocuments.ITEM_COUNT, 1)
                    .append(OrderDocuments.TOTALS, new Document("totalMinor", 100L + i).append("currency", "EUR"))
                    .append(OrderDocuments.PLACED_AT, Date.from(MORNING.plusSeconds(random.nextInt(8))))
                    .append(OrderDocuments.UPDATED_AT, Date.from(MORNING));
            details.insertOne(order);
            orders.add(order);
            small.placed(order);
        }
        small.located(orders.get(3), false);
        details.deleteOne(Filters.eq("_id", orders.get(3).getString("_id")));
        small.located(orders.get(3), true);
        details.insertOne(orders.get(3));

        List<Object> fromIndex = new ArrayList<>();
        for (int size : List.of(1, 2, 3, 5, 7)) {
            for (int page = 0; page * size < 22; page++) {
                fromIndex.add(admin.handle(AdminOrderSearchQuery.all(new PageRequest(page, size))));
            }
        }
        List<Object> fromScan = withoutIndex(() -> {
            List<Object> answers = new ArrayList<>();
            for (int size : List.of(1, 2, 3, 5, 7)) {
                for (int page = 0; page * size < 22; page++) {
                    answers.add(admin.handle(AdminOrderSearchQuery.all(new PageRequest(page, size))));
                }
            }
            return answers;
        });

        assertThat(fromIndex).isEqualTo(fromScan);
        assertThat(small.latest().orderIds()).hasSizeLessThanOrEqualTo(5);
        assertThat(small.latest().all()).isFalse();
    }

    private List<Object> customerAnswers() {
        List<Object> answers = new ArrayList<>();
        List<OrderStatus> statuses =
                Arrays.asList(null, OrderStatus.PENDING, OrderStatus.CANCELLED, OrderStatus.DELIVERED);
        for (String customer : List.of("alice", "bob", "carol|x", "dan%7C", "carol", "nobody")) {
            for (OrderStatus status : statuses) {
                for (int size : List.of(2, 7, 20)) {
                    for (int page = 0; page < 20 / size + 1; page++) {
                        FindCustomerOrdersQuery query =
                                new FindCustomerOrdersQuery(customer, status, new PageRequest(page, size));
                        answers.add(history.handle(query));
                        answers.add(history.handle(new FindCustomerOrdersWithArchiveQuery(query)));
                    }
                }
            }
        }
        return answers;
    }

    private List<Object> adminAnswers() {
        List<Object> answers = new ArrayList<>();
        for (int size : List.of(1, 4, 20, 500)) {
            for (int page = 0; page < 60 / size + 1; page++) {
                AdminOrderSearchQuery query = AdminOrderSearchQuery.all(new PageRequest(page, size));
                answers.add(admin.handle(query));
                answers.add(admin.handle(new AdminOrderSearchWithArchiveQuery(query)));
            }
        }
        return answers;
    }

    /** Answers as a store written before the lists existed gives them: from the order detail collections. */
    private List<Object> withoutIndex(Supplier<List<Object>> answers) {
        Document state = index().find(Filters.eq("_id", OrderListIndex.STATE)).first();
        index().deleteOne(Filters.eq("_id", OrderListIndex.STATE));
        try {
            return answers.get();
        } finally {
            index().insertOne(state);
        }
    }

    private List<Document> indexDocuments() {
        return index().find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
