package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.WriteModel;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderFlaggedForAttentionEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order-detail projection handed its events in batches (Axon's batching unit of work, as the processor does with
 * a batch size above one) writes each batch's documents once, at its end, and ends up with exactly the collections
 * it writes one event at a time: the order details, the archive and the order lists. A batch delivered again changes
 * nothing; a batch that fails before its end writes nothing; one that fails while writing leaves a state its retry
 * makes good.
 */
@ExtendWith(EmbeddedMongo.class)
class OrderDetailBatchingTest {

    private static final Actor ADMIN = Actor.admin("admin-1");
    private static final List<String> CUSTOMERS = List.of("alice", "bob", "carol|x");
    private static final Instant BASE = Instant.parse("2025-03-30T20:00:00Z");
    private static final Instant CUTOFF = BASE.plus(Duration.ofHours(40));
    private static final List<String> COLLECTIONS =
            List.of(OrderDocuments.COLLECTION, OrderDocuments.ARCHIVE_COLLECTION, OrderListIndex.COLLECTION);

    private ProjectionCollections collections;
    private ProjectionTarget oneAtATime;
    private ProjectionTarget batched;
    private EventFeed feed;
    private List<DomainEventMessage<?>> beforeArchiving;
    private List<DomainEventMessage<?>> afterArchiving;

    @BeforeEach
    void setUp(MongoDatabase database) {
        collections = new ProjectionCollections(database);
        oneAtATime = collections.generation(OrderDetailProjection.PROCESSING_GROUP, 0);
        batched = collections.generation(OrderDetailProjection.PROCESSING_GROUP, 1);
        OrderDetailProjection reference = projection(oneAtATime);
        reference.createIndexes(oneAtATime);
        reference.createIndexes(batched);
        feed = new EventFeed(reference);
        aBusyShop();
    }

    private static OrderDetailProjection projection(ProjectionTarget target) {
        return new OrderDetailProjection(
                target, SimpleQueryUpdateEmitter.builder().build());
    }

    /**
     * The reference: events handled one at a time (no unit of work), orders of three customers and guests placed
     * out of time order across two months, paid, cancelled, delivered; the finished early ones archived; then more
     * orders, a refund and a note on archived orders, and a delivered archived order flagged for attention (it
     * moves back to the hot collection).
     */
    private void aBusyShop() {
        Random random = new Random(3);
        List<OrderStory> stories = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            Instant at = BASE.plus(Duration.ofHours(random.nextInt(60)));
            OrderStory story = i % 6 == 0
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
            switch (i % 4) {
                case 1 ->
                    story.awaitPayment(later)
                            .confirm(later.plusSeconds(1))
                            .cancel(ADMIN, "changed", later.plusSeconds(2));
                case 2 ->
                    story.awaitPayment(later).authorize(later.plusSeconds(1)).confirm(later.plusSeconds(2));
                case 3 ->
                    story.awaitPayment(later)
                            .confirm(later.plusSeconds(1))
                            .startProcessing(ADMIN, later.plusSeconds(2))
                            .ship("TRK", LocalDate.parse("2025-04-10"), ADMIN, later.plusSeconds(3))
                            .deliver(ADMIN, later.plusSeconds(4));
                default -> {}
            }
        }
        beforeArchiving = feed.published();
        assertThat(new OrderArchive(collections).archiveChangedBefore(oneAtATime, CUTOFF))
                .isPositive();
        Instant late = BASE.plus(Duration.ofDays(5));
        for (int i = 0; i < 12; i++) {
            OrderStory story = OrderStory.place(
                    feed,
                    aPlacedOrder()
                            .byCustomer(CUSTOMERS.get(i % CUSTOMERS.size()), "n" + i + "@example.com")
                            .placedAt(late.plusSeconds(i))
                            .build());
            if (i % 3 == 0) {
                story.awaitPayment(late.plusSeconds(100 + i));
            }
        }
        int refunds = 0;
        int flags = 0;
        for (OrderStory story : stories) {
            Document archived = oneAtATime
                    .collection(OrderDocuments.ARCHIVE_COLLECTION)
                    .find(new Document("_id", story.id().value()))
                    .first();
            if (archived == null) {
                continue;
            }
            if (OrderStatus.CANCELLED.name().equals(archived.getString(OrderDocuments.STATUS)) && refunds++ < 3) {
                story.refund(100, late.plusSeconds(200)).addAdminNote(ADMIN, "refunded late", late.plusSeconds(201));
            } else if (OrderStatus.DELIVERED.name().equals(archived.getString(OrderDocuments.STATUS)) && flags++ < 2) {
                feed.publish(
                        "Order",
                        story.id().value(),
                        new OrderFlaggedForAttentionEvent(story.id(), OrderStatus.DELIVERED, ADMIN, "dispute"),
                        late.plusSeconds(300));
            }
        }
        assertThat(refunds).isPositive();
        assertThat(flags).isPositive();
        afterArchiving = feed.published()
                .subList(beforeArchiving.size(), feed.published().size());
    }

    @Test
    void theSameEventsInBatchesGiveTheSameCollectionsAsOneAtATime() {
        OrderDetailProjection projection = projection(batched);
        inBatches(projection, beforeArchiving, new int[] {1, 7, 30, 100, 3});
        assertThat(new OrderArchive(collections).archiveChangedBefore(batched, CUTOFF))
                .isPositive();
        inBatches(projection, afterArchiving, new int[] {13, 2, 50});

        for (String collection : COLLECTIONS) {
            assertThat(documents(batched, collection))
                    .as(collection)
                    .isNotEmpty()
                    .isEqualTo(documents(oneAtATime, collection));
        }
        assertThat(documents(batched, OrderDocuments.COLLECTION))
                .as("orders flagged back out of the archive")
                .anySatisfy(order ->
                        assertThat(order.getString(OrderDocuments.STATUS)).isEqualTo("ATTENTION"));
    }

    @Test
    void aBatchWritesNothingUntilItsLastEventIsApplied() {
        MongoCollection<Document> details = batched.collection(OrderDocuments.COLLECTION);
        MongoCollection<Document> lists = batched.collection(OrderListIndex.COLLECTION);
        long listDocuments = lists.countDocuments();
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection(batched));
        List<DomainEventMessage<?>> batch = beforeArchiving.subList(0, 40);
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        List<Long> seenBeforeTheLast = new ArrayList<>();
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            if (!unitOfWork.isLastMessage()) {
                seenBeforeTheLast.add(details.countDocuments() + lists.countDocuments() - listDocuments);
            }
            handler.handle(unitOfWork.getMessage());
            return null;
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(seenBeforeTheLast).hasSize(39).containsOnly(0L);
        assertThat(details.countDocuments()).isPositive();
        assertThat(lists.countDocuments()).isGreaterThan(listDocuments);
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        OrderDetailProjection projection = projection(batched);
        inBatches(projection, beforeArchiving, new int[] {25});
        Map<String, List<Document>> before = snapshot(batched);

        inBatches(projection, beforeArchiving, new int[] {25});
        assertThat(snapshot(batched)).isEqualTo(before);
        inBatches(projection, beforeArchiving.subList(10, 60), new int[] {9, 50});
        assertThat(snapshot(batched)).isEqualTo(before);
        inBatches(projection(batched), beforeArchiving, new int[] {1000});
        assertThat(snapshot(batched)).isEqualTo(before);
    }

    @Test
    void aBatchThatFailsBeforeItsEndWritesNothingAndItsRetryAppliesIt() {
        OrderDetailProjection projection = projection(batched);
        inBatches(projection, beforeArchiving.subList(0, 30), new int[] {30});
        Map<String, List<Document>> before = snapshot(batched);

        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        List<DomainEventMessage<?>> batch = new ArrayList<>(beforeArchiving.subList(30, 90));
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            if (unitOfWork.getMessage() == batch.get(45)) {
                throw new IllegalStateException("a handler failed");
            }
            handler.handle(unitOfWork.getMessage());
            return null;
        });
        assertThat(result.isExceptional()).isTrue();
        assertThat(snapshot(batched)).isEqualTo(before);

        inBatches(projection, beforeArchiving.subList(30, beforeArchiving.size()), new int[] {60, 100});
        assertThat(snapshot(batched)).isEqualTo(snapshot(oneAtATimeBeforeArchiving()));
    }

    @Test
    void anOrderArchivedWhileABatchChangesItFailsTheBatchAndItsRetryChangesItInTheArchive() {
        OrderDetailProjection projection = projection(batched);
        inBatches(projection, beforeArchiving, new int[] {50});
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        List<DomainEventMessage<?>> batch = new ArrayList<>(afterArchiving);
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        int[] archived = new int[1];
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            handler.handle(unitOfWork.getMessage());
            if (unitOfWork.isFirstMessage()) {
                // the batch has read the orders it changes; the archiver moves the finished ones now
                archived[0] = new OrderArchive(collections).archiveChangedBefore(batched, CUTOFF);
            }
            return null;
        });

        assertThat(archived[0]).isPositive();
        assertThat(result.isExceptional())
                .as("the archived orders' changes must not be lost")
                .isTrue();
        inBatches(projection, afterArchiving, new int[] {100});
        assertThat(snapshot(batched)).isEqualTo(snapshot(oneAtATime));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {OrderDocuments.COLLECTION, OrderListIndex.COLLECTION})
    void aBatchThatFailsWhileWritingLeavesNothingItsRetryDoesNotMakeGood(String failing) {
        inBatches(projection(batched), beforeArchiving.subList(0, 20), new int[] {20});
        AtomicBoolean fail = new AtomicBoolean(true);
        ProjectionTarget faulty = failingBulkWrites(batched, failing, fail);

        List<DomainEventMessage<?>> batch = beforeArchiving.subList(20, 120);
        Map<String, List<Document>> before = snapshot(batched);
        assertThat(tryBatch(projection(faulty), batch))
                .as("the injected failure surfaces")
                .isTrue();
        assertThat(fail).as("the failure was injected").isFalse();
        assertThat(snapshot(batched)).as("half written").isNotEqualTo(before);

        inBatches(projection(batched), batch, new int[] {100});
        inBatches(projection(batched), beforeArchiving.subList(120, beforeArchiving.size()), new int[] {100});
        assertThat(snapshot(batched)).isEqualTo(snapshot(oneAtATimeBeforeArchiving()));
    }

    /** The reference store as it was before archiving: replayed one at a time into a third generation. */
    private ProjectionTarget oneAtATimeBeforeArchiving() {
        ProjectionTarget target = collections.generation(OrderDetailProjection.PROCESSING_GROUP, 2);
        OrderDetailProjection projection = projection(target);
        projection.createIndexes(target);
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        for (DomainEventMessage<?> event : beforeArchiving) {
            try {
                handler.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return target;
    }

    /** Hands the events to the projection in consecutive batches of the given sizes (cycled), as a processor does. */
    private static void inBatches(OrderDetailProjection projection, List<DomainEventMessage<?>> events, int[] sizes) {
        int from = 0;
        for (int i = 0; from < events.size(); i++) {
            int to = Math.min(events.size(), from + sizes[i % sizes.length]);
            if (tryBatch(projection, events.subList(from, to))) {
                throw new IllegalStateException("batch " + from + ".." + to + " failed");
            }
            from = to;
        }
    }

    /** Runs one batch; true when it failed (and was rolled back). */
    private static boolean tryBatch(OrderDetailProjection projection, List<DomainEventMessage<?>> events) {
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(events));
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            handler.handle(unitOfWork.getMessage());
            return null;
        });
        return result.isExceptional();
    }

    /**
     * The target's collections, except that the first bulk write on {@code failing} applies only the first half of
     * its writes and then fails, as a store that goes away in the middle of a write.
     */
    @SuppressWarnings("unchecked")
    private static ProjectionTarget failingBulkWrites(ProjectionTarget target, String failing, AtomicBoolean armed) {
        return new ProjectionTarget() {
            @Override
            public String projection() {
                return target.projection();
            }

            @Override
            public int generation() {
                return target.generation();
            }

            @Override
            public String name(String baseCollection) {
                return target.name(baseCollection);
            }

            @Override
            public MongoCollection<Document> collection(String baseCollection) {
                MongoCollection<Document> real = target.collection(baseCollection);
                if (!baseCollection.equals(failing)) {
                    return real;
                }
                return (MongoCollection<Document>) Proxy.newProxyInstance(
                        getClass().getClassLoader(), new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("bulkWrite") && args.length == 2 && armed.getAndSet(false)) {
                                List<WriteModel<Document>> writes = (List<WriteModel<Document>>) args[0];
                                assertThat(writes)
                                        .as("a bulk write worth halving")
                                        .hasSizeGreaterThan(1);
                                real.bulkWrite(writes.subList(0, writes.size() / 2));
                                throw new MongoException("connection lost in the middle of a bulk write");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    private static Map<String, List<Document>> snapshot(ProjectionTarget target) {
        Map<String, List<Document>> snapshot = new java.util.LinkedHashMap<>();
        COLLECTIONS.forEach(collection -> snapshot.put(collection, documents(target, collection)));
        return snapshot;
    }

    private static List<Document> documents(ProjectionTarget target, String collection) {
        return target.collection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
