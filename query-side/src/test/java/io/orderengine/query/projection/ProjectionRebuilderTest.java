package io.orderengine.query.projection;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderengine.infrastructure.pipeline.PushingEventStore;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.sku.SkuRegisteredEvent;
import io.orderengine.messages.sku.StockReceivedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.customer.CustomerStatsProjection;
import io.orderengine.query.metrics.OrderMetricsProjection;
import io.orderengine.query.order.OrderArchive;
import io.orderengine.query.order.OrderDetailProjection;
import io.orderengine.query.order.OrderView;
import io.orderengine.query.sku.SkuStockProjection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rebuilds run against a real Axon event store (in memory) with live pooled processors, while events keep arriving:
 * afterwards every projection's serving collections hold exactly what a projection that saw each event once holds.
 */
@ExtendWith(EmbeddedMongo.class)
class ProjectionRebuilderTest {

    private static final Actor ADMIN = Actor.admin("admin-1");
    private static final Instant CUTOFF = MORNING.plus(Duration.ofDays(2));

    private MongoDatabase database;
    private ProjectionCollections collections;
    private EmbeddedEventStore store;
    private InMemoryTokenStore tokens;
    private final List<RebuildableProjection> live = new ArrayList<>();
    private final Map<String, PooledStreamingEventProcessor> processors = new LinkedHashMap<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final Map<String, ProjectionTarget> references = new LinkedHashMap<>();
    private OrderDetailProjection orderDetail;
    private ProjectionRebuilder rebuilder;
    private EventFeed feed;
    private int orders;

    @BeforeEach
    void setUp(MongoDatabase database) {
        this.database = database;
        collections = new ProjectionCollections(database);
        // the engine's store: its streams wake a processor's coordinator when events arrive, so an idle coordinator
        // otherwise looks again only at its next segment scan
        store = PushingEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        tokens = new InMemoryTokenStore();
        orderDetail = new OrderDetailProjection(
                collections, SimpleQueryUpdateEmitter.builder().build());
        live.addAll(List.of(
                orderDetail,
                new SkuStockProjection(
                        collections, SimpleQueryUpdateEmitter.builder().build()),
                new CustomerStatsProjection(collections),
                new OrderMetricsProjection(collections)));
        List<Object> referenceHandlers = new ArrayList<>();
        for (RebuildableProjection projection : live) {
            projection.createIndexes(collections.live(projection.processingGroup()));
            processors.put(projection.processingGroup(), liveProcessor(projection));
            ProjectionTarget reference = new ReferenceTarget(projection.processingGroup());
            projection.createIndexes(reference);
            references.put(projection.processingGroup(), reference);
            referenceHandlers.add(projection.handlerFor(reference));
        }
        processors.values().forEach(PooledStreamingEventProcessor::start);
        feed = new EventFeed(referenceHandlers.toArray()).alsoTo(store::publish);
        OrderArchive archive = new OrderArchive(collections);
        rebuilder = ProjectionRebuilder.builder()
                .events(store)
                .tokenStore(tokens)
                .collections(collections)
                .projections(live)
                .liveProcessors(name -> Optional.<StreamingEventProcessor>ofNullable(processors.get(name)))
                .beforeActivation(
                        OrderDetailProjection.PROCESSING_GROUP, target -> archive.archiveChangedBefore(target, CUTOFF))
                .dropPreviousAfter(Duration.ofHours(1))
                .checkInterval(Duration.ofMillis(50))
                // a rebuild's processor never looks on its own: the switch-over must not wait for that look
                .segmentScanInterval(Duration.ofHours(1))
                .batchSize(20)
                .build();
    }

    @AfterEach
    void tearDown() {
        rebuilder.close();
        processors.values().forEach(PooledStreamingEventProcessor::shutDown);
        executors.forEach(ExecutorService::shutdownNow);
        store.shutDown();
    }

    private PooledStreamingEventProcessor liveProcessor(RebuildableProjection projection) {
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        executors.add(coordinator);
        executors.add(workers);
        return PooledStreamingEventProcessor.builder()
                .name(projection.processingGroup())
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(projection)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(2)
                .initialToken(StreamableMessageSource::createTailToken)
                .build();
    }

    /** One more customer's order with some history, at a time of its own; some end cancelled or delivered. */
    private OrderStory anotherOrder() {
        int n = orders++;
        Instant at = MORNING.plus(Duration.ofHours(n));
        OrderStory story = OrderStory.place(
                        feed,
                        aPlacedOrder()
                                .byCustomer("customer-" + (n % 3), "c" + n + "@example.com")
                                .placedAt(at)
                                .build())
                .awaitPayment(at.plusSeconds(5));
        switch (n % 4) {
            case 0 ->
                story.authorize(at.plusSeconds(6))
                        .confirm(at.plusSeconds(7))
                        .cancel(ADMIN, "out of time", at.plusSeconds(60))
                        .refund(2000, at.plusSeconds(90));
            case 1 ->
                story.confirm(at.plusSeconds(7))
                        .startProcessing(ADMIN, at.plusSeconds(60))
                        .ship("TRK-" + n, LocalDate.parse("2025-04-01"), ADMIN, at.plusSeconds(120))
                        .deliver(ADMIN, at.plusSeconds(600));
            case 2 -> story.failPayment("declined", at.plusSeconds(8));
            default -> story.addAdminNote(ADMIN, "call first", at.plusSeconds(9));
        }
        return story;
    }

    private void skuStory(String code) {
        Instant at = MORNING;
        feed.publish(
                "Sku",
                code,
                new SkuRegisteredEvent(
                        new SkuCode(code), "Name " + code, Money.of(900, "EUR"), 2, Map.of("size", "M"), null),
                at);
        feed.publish("Sku", code, new StockReceivedEvent(new SkuCode(code), 5, "received", 5, 5), at);
        feed.publish(
                "Sku",
                code,
                new StockReservedEvent(new SkuCode(code), OrderId.random(), 4, 1, at.plusSeconds(600)),
                at.plusSeconds(1));
    }

    @Test
    void rebuildsEveryProjectionIntoANewGenerationWhileEventsKeepArriving() throws Exception {
        skuStory("MUG");
        OrderStory early = anotherOrder();
        for (int i = 0; i < 30; i++) {
            anotherOrder();
        }
        awaitLiveCaughtUp();
        for (String name : rebuilder.projectionNames()) {
            assertThat(rebuilder.start(name).state()).isEqualTo(RebuildProgress.State.CATCHING_UP);
        }
        CompletableFuture<Integer> arriving = CompletableFuture.supplyAsync(() -> {
            int duringRebuild = 0;
            for (int i = 0; i < 300 && anyRebuildRunning(); i++) {
                anotherOrder();
                duringRebuild++;
                if (i % 10 == 0) {
                    skuStory("SKU-" + i);
                }
            }
            return duringRebuild;
        });
        OrderView servedMeanwhile = orderDetail.handle(new FindOrderQuery(early.id()));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> rebuilder.projectionNames().stream()
                        .allMatch(
                                name -> rebuilder.progress(name).orElseThrow().state() == RebuildProgress.State.DONE));
        int arrivedDuringRebuild = arriving.get(30, TimeUnit.SECONDS);
        awaitLiveCaughtUp();

        assertThat(arrivedDuringRebuild).isPositive();
        assertThat(servedMeanwhile.status()).isEqualTo(OrderStatus.CANCELLED);
        references.forEach((name, reference) ->
                assertThat(collections.activeGeneration(name)).isEqualTo(1));
        // the archival job's next run, on both: the served generation was archived when it was switched to, and
        // orders from before the cutoff that arrived after the switch are archived by the job's next run
        OrderArchive archive = new OrderArchive(collections);
        archive.archiveChangedBefore(references.get(OrderDetailProjection.PROCESSING_GROUP), CUTOFF);
        archive.archiveChangedBefore(collections.live(OrderDetailProjection.PROCESSING_GROUP), CUTOFF);
        for (RebuildableProjection projection : live) {
            ProjectionTarget served = collections.live(projection.processingGroup());
            ProjectionTarget reference = references.get(projection.processingGroup());
            assertThat(documents(served, projection.collections()))
                    .as(projection.processingGroup())
                    .isNotEmpty()
                    .isEqualTo(documents(reference, projection.collections()));
        }
        RebuildProgress done =
                rebuilder.progress(OrderDetailProjection.PROCESSING_GROUP).orElseThrow();
        assertThat(done.eventsProcessed()).isPositive();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(database.getCollection("order_details_archive_v1").countDocuments())
                .isPositive();
    }

    @Test
    void keepsTheOldGenerationUntilTheGracePeriodEnds() {
        anotherOrder();
        awaitLiveCaughtUp();

        rebuilder.start(OrderDetailProjection.PROCESSING_GROUP);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rebuilder
                                .progress(OrderDetailProjection.PROCESSING_GROUP)
                                .orElseThrow()
                                .state()
                        == RebuildProgress.State.DONE);

        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .contains("order_details", "order_details_v1");
        assertThat(database.getCollection("order_details").countDocuments()
                        + database.getCollection("order_details_archive").countDocuments())
                .isEqualTo(1);
    }

    @Test
    void handsTheRebuildsPositionToEverySegmentOfTheLiveProcessor() {
        anotherOrder();
        awaitLiveCaughtUp();
        processors.get(OrderDetailProjection.PROCESSING_GROUP).shutDown();
        long stoppedAt = storedPositions(OrderDetailProjection.PROCESSING_GROUP).stream()
                .max(Long::compare)
                .orElseThrow();
        anotherOrder();
        long head = store.createHeadToken().position().orElseThrow();

        rebuilder.start(OrderDetailProjection.PROCESSING_GROUP);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rebuilder
                                .progress(OrderDetailProjection.PROCESSING_GROUP)
                                .orElseThrow()
                                .state()
                        == RebuildProgress.State.DONE);

        assertThat(head).isGreaterThan(stoppedAt);
        assertThat(rebuilder
                        .progress(OrderDetailProjection.PROCESSING_GROUP)
                        .orElseThrow()
                        .position())
                .isEqualTo(head);
        assertThat(storedPositions(OrderDetailProjection.PROCESSING_GROUP)).containsExactly(head, head);
    }

    /** The position stored for each segment of a processor; -1 for a segment that stored none yet. */
    private List<Long> storedPositions(String processor) {
        List<Long> positions = new ArrayList<>();
        for (int segment : tokens.fetchSegments(processor)) {
            TrackingToken token = tokens.fetchToken(processor, segment);
            positions.add(token == null ? -1L : token.position().orElseThrow());
        }
        return positions;
    }

    @Test
    void refusesASecondRebuildWhileOneRunsAndUnknownNames() {
        anotherOrder();
        rebuilder.start(SkuStockProjection.PROCESSING_GROUP);

        assertThatThrownBy(() -> rebuilder.start(SkuStockProjection.PROCESSING_GROUP))
                .isInstanceOf(RebuildInProgressException.class);
        assertThatThrownBy(() -> rebuilder.start("nonsense")).isInstanceOf(UnknownProjectionException.class);
        assertThatThrownBy(() -> rebuilder.progress("nonsense")).isInstanceOf(UnknownProjectionException.class);
    }

    @Test
    void reportsPositionsAndLagOfTheLiveProcessors() {
        for (int i = 0; i < 3; i++) {
            anotherOrder();
        }
        awaitLiveCaughtUp();

        List<ProjectionStatus> statuses = rebuilder.status();

        assertThat(statuses)
                .extracting(ProjectionStatus::name)
                .containsExactly("order-detail", "sku-stock", "customer-stats", "order-metrics");
        ProjectionStatus detail = statuses.get(0);
        assertThat(detail.running()).isTrue();
        assertThat(detail.segments()).hasSize(2);
        assertThat(detail.headPosition()).isEqualTo(feed.published().size() - 1L);
        assertThat(detail.position()).isEqualTo(detail.headPosition());
        assertThat(detail.lag()).isZero();
        assertThat(detail.generation()).isZero();
        assertThat(detail.collections())
                .containsEntry("order_details", "order_details")
                .containsEntry("order_details_archive", "order_details_archive");
        assertThat(detail.rebuild()).isNull();
    }

    private boolean anyRebuildRunning() {
        return rebuilder.projectionNames().stream()
                .anyMatch(name ->
                        rebuilder.progress(name).map(RebuildProgress::running).orElse(false));
    }

    private void awaitLiveCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long head = store.createHeadToken().position().orElse(-1);
            return processors.values().stream()
                    .allMatch(processor -> processor.processingStatus().size() == 2
                            && processor.processingStatus().values().stream()
                                    .allMatch(status ->
                                            status.getCurrentPosition().orElse(-1) >= head));
        });
    }

    /** Every document of the projection's collections by id (an order may be hot or archived). */
    private static Map<String, Document> documents(ProjectionTarget target, List<String> baseCollections) {
        Map<String, Document> documents = new LinkedHashMap<>();
        for (String base : baseCollections) {
            String group = base.startsWith("order_details") ? "order_details" : base;
            MongoCollection<Document> collection = target.collection(base);
            collection
                    .find()
                    .sort(new Document("_id", 1))
                    .forEach(document -> documents.put(group + "/" + document.get("_id"), document));
        }
        return documents;
    }

    /** Collections that only the reference projections (fed each event exactly once) write. */
    private final class ReferenceTarget implements ProjectionTarget {

        private final String projection;

        private ReferenceTarget(String projection) {
            this.projection = projection;
        }

        @Override
        public String projection() {
            return projection;
        }

        @Override
        public int generation() {
            return 0;
        }

        @Override
        public String name(String baseCollection) {
            return "reference_" + baseCollection;
        }

        @Override
        public MongoCollection<Document> collection(String baseCollection) {
            return database.getCollection(name(baseCollection));
        }
    }
}
