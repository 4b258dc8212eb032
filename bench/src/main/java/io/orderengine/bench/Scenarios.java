package io.orderengine.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.command.sku.Sku;
import io.orderengine.messages.common.Money;
import io.orderengine.testkit.EngineClient;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.messages.sku.ReceiveStockCommand;
import io.orderengine.messages.sku.RegisterSkuCommand;
import io.orderengine.messages.sku.ReserveStockCommand;
import io.orderengine.messages.sku.SkuRegisteredEvent;
import io.orderengine.messages.sku.StockReceivedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/** The six benchmark scenarios. Each boots its own engine on a fresh store, prints its figures, and stops it. */
final class Scenarios {

    /** Harness options (see {@link BenchMain}). */
    record Options(List<Integer> concurrency, Duration warmUp, Duration measured, int lifecycleOrders,
                   List<Integer> histories, List<Integer> orderCounts, int queries, int replayCopies, String mongoUri,
                   Path work) {
    }

    private final Options options;
    private final String eventStore;
    private final Map<String, String> properties;

    /** Scenarios on engines with the event storage engine {@code eventStore} and the given extra properties. */
    Scenarios(Options options, String eventStore, Map<String, String> properties) {
        this.options = options;
        this.eventStore = eventStore;
        this.properties = properties;
    }

    private BenchEngine boot() throws Exception {
        return BenchEngine.start(Files.createTempDirectory(options.work(), "store"), options.mongoUri(), eventStore,
                properties);
    }

    // (1) ------------------------------------------------------------------------------------------------------------

    List<Figure> checkoutThroughput() throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (BenchEngine engine = boot()) {
            String admin = engine.client().token("bench-admin", "ADMIN");
            int skus = 100;
            for (int i = 0; i < skus; i++) {
                engine.registerSku(admin, "CHK-" + i, 1250, 1_000_000);
            }
            awaitSkusListed(engine, skus);
            for (int concurrency : options.concurrency()) {
                ClosedLoop.Result baseline = ClosedLoop.run(concurrency, options.warmUp(), options.measured(),
                        (worker, n) -> engine.client().post("/bench/baseline/orders",
                                EngineClient.checkoutBody("CHK-" + (n % skus), 1, "guest" + n + "@example.com"), null,
                                Map.of("Idempotency-Key", UUID.randomUUID().toString())).status() == 201);
                ClosedLoop.Result checkout = ClosedLoop.run(concurrency, options.warmUp(), options.measured(),
                        (worker, n) -> engine.client().checkout(EngineClient.checkoutBody("CHK-" + (n % skus), 1,
                                "guest" + n + "@example.com"), null).status() == 201);
                print("(1) checkout", engine, baseline.line("baseline"));
                print("(1) checkout", engine, checkout.line("checkout"));
                print("(1) checkout", engine, String.format("ratio c=%d: throughput %.2fx baseline, p99 %.2fx baseline",
                        concurrency, checkout.perSecond() / baseline.perSecond(),
                        checkout.latencies().percentileMillis(99) / baseline.latencies().percentileMillis(99)));
                figures.add(new Figure("c=" + concurrency + " baseline req/s", baseline.perSecond()));
                figures.add(new Figure("c=" + concurrency + " checkout req/s", checkout.perSecond()));
                figures.add(new Figure("c=" + concurrency + " checkout p50 ms", checkout.latencies().percentileMillis(50)));
                figures.add(new Figure("c=" + concurrency + " checkout p99 ms", checkout.latencies().percentileMillis(99)));
                figures.add(new Figure("c=" + concurrency + " checkout/baseline throughput",
                        checkout.perSecond() / baseline.perSecond()));
            }
        }
        return figures;
    }

    // (2) ------------------------------------------------------------------------------------------------------------

    List<Figure> orderLifecycle() throws Exception {
        try (BenchEngine engine = boot()) {
            String admin = engine.client().token("bench-admin", "ADMIN");
            int skus = 50;
            for (int i = 0; i < skus; i++) {
                engine.registerSku(admin, "LIFE-" + i, 990, 1_000_000);
            }
            awaitSkusListed(engine, skus);
            lifecycle(engine, 4, Math.max(8, options.lifecycleOrders() / 10), skus);
            int concurrency = 8;
            long started = System.nanoTime();
            Latencies perOrder = lifecycle(engine, concurrency, options.lifecycleOrders(), skus);
            double seconds = (System.nanoTime() - started) / 1e9;
            print("(2) lifecycle", engine, String.format("%d orders, c=%d: %.1f orders/s (checkout -> reserved ->"
                            + " sandbox approve -> CONFIRMED in the read model); per order %s", perOrder.count(),
                    concurrency, perOrder.count() / seconds, perOrder.summary()));
            return List.of(new Figure("orders/s", perOrder.count() / seconds),
                    new Figure("per order p50 ms", perOrder.percentileMillis(50)),
                    new Figure("per order p99 ms", perOrder.percentileMillis(99)));
        }
    }

    private Latencies lifecycle(BenchEngine engine, int concurrency, int orders, int skus) throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                for (int n = next.getAndIncrement(); n < orders; n = next.getAndIncrement()) {
                    long started = System.nanoTime();
                    EngineClient.Reply placed = engine.client().checkout(EngineClient.checkoutBody("LIFE-" + (n % skus), 1,
                            "life" + n + "@example.com"), null);
                    if (placed.status() != 201) {
                        throw new IllegalStateException("checkout failed: " + placed);
                    }
                    String path = "/api/v1/orders/" + placed.text("orderId") + "?token=" + placed.text("guestToken");
                    String[] action = new String[1];
                    await(Duration.ofSeconds(60), () -> {
                        EngineClient.Reply order = engine.client().get(path, null);
                        action[0] = order.body().path("payment").path("action").path("url").asText(null);
                        return order.status() == 200 && "AWAITING_PAYMENT".equals(order.text("status"))
                                && action[0] != null;
                    });
                    EngineClient.Reply paid = engine.client().post(action[0], Map.of("outcome", "approve"), null, Map.of());
                    if (paid.status() / 100 != 2) {
                        throw new IllegalStateException("sandbox payment failed: " + paid);
                    }
                    await(Duration.ofSeconds(60), () -> "CONFIRMED".equals(engine.client().get(path, null).text("status")));
                    latencies.add(System.nanoTime() - started);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        workers.shutdown();
        return latencies;
    }

    // (3) ------------------------------------------------------------------------------------------------------------

    List<Figure> replay() throws Exception {
        try (BenchEngine engine = boot()) {
            String admin = engine.client().token("bench-admin", "ADMIN");
            int skus = 50;
            for (int i = 0; i < skus; i++) {
                engine.registerSku(admin, "RPL-" + i, 500, 1_000_000);
            }
            awaitSkusListed(engine, skus);
            int orders = options.lifecycleOrders() * 2;
            placeOrders(engine, 8, orders, skus, "RPL-");
            await(Duration.ofMinutes(5), () -> engine.database().getCollection("order_details").countDocuments() >= orders);
            // The copies must not start sagas, and the projection under test replays them from zero.
            engine.bean(EventProcessingConfiguration.class).eventProcessors().values().forEach(EventProcessor::shutDown);
            EventStorageEngine storage = engine.bean(EventStorageEngine.class);
            long cloned = OrderHistoryCopies.append(storage, engine.bean("eventSerializer", Serializer.class),
                    options.replayCopies());
            print("(3) replay", engine, String.format("%d orders placed through checkout; their order events copied"
                    + " %d times under new order ids and numbers: %d events appended", orders, options.replayCopies(),
                    cloned));
            // the token of the last event in tracking order (the stock engine's head token is "now", which its
            // timestamp tokens never reach when the newest events carry older timestamps, as these copies do)
            List<? extends TrackedEventMessage<?>> log = storage.readEvents(null, false).collect(Collectors.toList());
            TrackingToken head = log.isEmpty() ? null : log.get(log.size() - 1).trackingToken();
            StreamingEventProcessor processor = engine.bean(EventProcessingConfiguration.class)
                    .eventProcessor("order-detail", StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("no order-detail processor"));
            long events = engine.database().getCollection(engine.eventCollection()).countDocuments();

            processor.resetTokens();
            long started = System.nanoTime();
            processor.start();
            // Axon ends a replay only at the first event after the reset point; "caught up" is the position.
            await(Duration.ofMinutes(30), () -> reached(processor, head));
            double replaySeconds = (System.nanoTime() - started) / 1e9;

            MongoDatabase database = engine.database();
            MongoCollection<Document> copy = database.getCollection("bench_raw_copy");
            long copyStarted = System.nanoTime();
            List<Document> batch = new ArrayList<>(1000);
            long copied = 0;
            for (Document event : database.getCollection(engine.eventCollection()).find().batchSize(1000)) {
                batch.add(event);
                if (batch.size() == 1000) {
                    copy.insertMany(batch);
                    copied += batch.size();
                    batch = new ArrayList<>(1000);
                }
            }
            if (!batch.isEmpty()) {
                copy.insertMany(batch);
                copied += batch.size();
            }
            double copySeconds = (System.nanoTime() - copyStarted) / 1e9;
            print("(3) replay", engine, String.format("order-detail projection replayed %d events in %.2f s: %.0f"
                            + " events/s; raw driver copy of the same %d events: %.0f events/s; ratio %.2fx", events,
                    replaySeconds, events / replaySeconds, copied, copied / copySeconds,
                    (events / replaySeconds) / (copied / copySeconds)));
            return List.of(new Figure("events", events), new Figure("replay s", replaySeconds),
                    new Figure("replay events/s", events / replaySeconds),
                    new Figure("raw copy events/s", copied / copySeconds),
                    new Figure("replay/raw copy", (events / replaySeconds) / (copied / copySeconds)));
        }
    }

    private void placeOrders(BenchEngine engine, int concurrency, int orders, int skus, String prefix) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                for (int n = next.getAndIncrement(); n < orders; n = next.getAndIncrement()) {
                    EngineClient.Reply placed = engine.client().checkout(EngineClient.checkoutBody(prefix + (n % skus), 1,
                            "rpl" + n + "@example.com"), null);
                    if (placed.status() != 201) {
                        throw new IllegalStateException("checkout failed: " + placed);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        workers.shutdown();
    }

    /**
     * Whether every segment has processed the log up to {@code head}: by position where tokens have one (ours), else
     * by the token covering the head token (the stock engine's timestamp tokens have no position).
     */
    private static boolean reached(StreamingEventProcessor processor, TrackingToken head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        if (head == null) {
            return true;
        }
        OptionalLong headPosition = head.position();
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            if (headPosition.isPresent() && position.isPresent()) {
                if (position.getAsLong() < headPosition.getAsLong()) {
                    return false;
                }
            } else {
                TrackingToken token = segment.getTrackingToken();
                if (token == null || !token.covers(head)) {
                    return false;
                }
            }
        }
        return true;
    }

    // (4) ------------------------------------------------------------------------------------------------------------

    List<Figure> aggregateLoad() throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (BenchEngine engine = boot()) {
            engine.bean(EventProcessingConfiguration.class).eventProcessors().values()
                    .forEach(EventProcessor::shutDown);
            Configuration axon = engine.bean(Configuration.class);
            EventStorageEngine storage = engine.bean(EventStorageEngine.class);
            EventSourcingRepository<Sku> repository = EventSourcingRepository.builder(Sku.class)
                    .eventStore(axon.eventStore())
                    .parameterResolverFactory(axon.parameterResolverFactory())
                    .handlerDefinition(axon.handlerDefinition(Sku.class))
                    .build();
            AggregateSnapshotter snapshotter = AggregateSnapshotter.builder()
                    .eventStore(axon.eventStore())
                    .aggregateFactories(new GenericAggregateFactory<>(Sku.class))
                    .parameterResolverFactory(axon.parameterResolverFactory())
                    .handlerDefinition(axon.handlerDefinition(Sku.class))
                    .build();
            // JIT warm-up, so the first (smallest) histories are not measured on cold code: loads of a small
            // aggregate without and with a snapshot, not timed
            appendHistory(storage, "LOAD-WARMUP", 50);
            timeLoads(repository, "LOAD-WARMUP", 200);
            snapshotter.scheduleSnapshot(Sku.class, "LOAD-WARMUP");
            appendStock(storage, "LOAD-WARMUP", 50, 5);
            timeLoads(repository, "LOAD-WARMUP", 200);
            for (int size : options.histories()) {
                String id = "LOAD-" + size;
                appendHistory(storage, id, size);
                int repeats = size >= 100_000 ? 3 : size >= 10_000 ? 5 : 20;
                Latencies plain = timeLoads(repository, id, repeats);
                snapshotter.scheduleSnapshot(Sku.class, id);
                // a few events after the snapshot, as in normal operation between snapshot triggers
                appendStock(storage, id, size, 5);
                Latencies snapshotted = timeLoads(repository, id, 50);
                print("(4) aggregate load", engine, String.format("history %7d events: without snapshot median %9.2f ms;"
                                + " with snapshot (+5 events) median %6.2f ms", size, plain.medianMillis(),
                        snapshotted.medianMillis()));
                figures.add(new Figure(size + " events, no snapshot, median ms", plain.medianMillis()));
                figures.add(new Figure(size + " events, snapshot +5, median ms", snapshotted.medianMillis()));
            }
        }
        return figures;
    }

    private static void appendHistory(EventStorageEngine storage, String id, int size) {
        SkuCode sku = new SkuCode(id);
        storage.appendEvents(List.of(new GenericDomainEventMessage<>("Sku", id, 0,
                new SkuRegisteredEvent(sku, "Load " + id, Money.of(100, "EUR"), 1, Map.of(), null))));
        appendStock(storage, id, 1, size - 1);
    }

    private static void appendStock(EventStorageEngine storage, String id, long fromSequence, int count) {
        SkuCode sku = new SkuCode(id);
        List<DomainEventMessage<?>> commit = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            long sequence = fromSequence + i;
            commit.add(new GenericDomainEventMessage<>("Sku", id, sequence,
                    new StockReceivedEvent(sku, 1, "received", (int) sequence, (int) sequence)));
            if (commit.size() == 1000) {
                storage.appendEvents(commit);
                commit = new ArrayList<>(1000);
            }
        }
        if (!commit.isEmpty()) {
            storage.appendEvents(commit);
        }
    }

    private static Latencies timeLoads(EventSourcingRepository<Sku> repository, String id, int repeats) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < repeats + 1; i++) {
            long started = System.nanoTime();
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                repository.load(id);
            } finally {
                unitOfWork.rollback();
            }
            if (i > 0) {
                latencies.add(System.nanoTime() - started);
            }
        }
        return latencies;
    }

    // (5) ------------------------------------------------------------------------------------------------------------

    List<Figure> reservations() throws Exception {
        try (BenchEngine engine = boot()) {
            CommandGateway commands = engine.bean(CommandGateway.class);
            commands.sendAndWait(new RegisterSkuCommand(new SkuCode("HOT-1"), "Hot", Money.of(100, "EUR"), 1, Map.of(), null));
            commands.sendAndWait(new ReceiveStockCommand(new SkuCode("HOT-1"), 1_000_000_000, "received"));
            int spread = 1_000;
            for (int i = 0; i < spread; i++) {
                SkuCode sku = new SkuCode("SPREAD-" + i);
                commands.sendAndWait(new RegisterSkuCommand(sku, "Spread " + i, Money.of(100, "EUR"), 1, Map.of(), null));
                commands.sendAndWait(new ReceiveStockCommand(sku, 1_000_000, "received"));
            }
            int concurrency = 8;
            Instant expires = Instant.now().plus(Duration.ofHours(2));
            ClosedLoop.Result hot = ClosedLoop.run(concurrency, options.warmUp(), options.measured(), (worker, n) -> {
                commands.sendAndWait(new ReserveStockCommand(new SkuCode("HOT-1"), OrderId.random(), 1, expires));
                return true;
            });
            ClosedLoop.Result wide = ClosedLoop.run(concurrency, options.warmUp(), options.measured(), (worker, n) -> {
                SkuCode sku = new SkuCode("SPREAD-" + ThreadLocalRandom.current().nextInt(spread));
                commands.sendAndWait(new ReserveStockCommand(sku, OrderId.random(), 1, expires));
                return true;
            });
            print("(5) reservations", engine, hot.line("hot SKU"));
            print("(5) reservations", engine, wide.line("1000 SKUs"));
            print("(5) reservations", engine, String.format("ratio hot/spread: %.2fx", hot.perSecond() / wide.perSecond()));
            return List.of(new Figure("hot SKU reservations/s", hot.perSecond()),
                    new Figure("hot SKU p99 ms", hot.latencies().percentileMillis(99)),
                    new Figure("1000 SKUs reservations/s", wide.perSecond()),
                    new Figure("1000 SKUs p99 ms", wide.latencies().percentileMillis(99)));
        }
    }

    // (6) ------------------------------------------------------------------------------------------------------------

    List<Figure> queries() throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (BenchEngine engine = boot()) {
            String admin = engine.client().token("bench-admin", "ADMIN");
            engine.registerSku(admin, "QRY-1", 1500, 1_000_000);
            awaitSkusListed(engine, 1);
            EngineClient.Reply placed = engine.client().checkout(EngineClient.checkoutBody("QRY-1", 1, "query@example.com"), null);
            MongoCollection<Document> details = engine.database().getCollection("order_details");
            await(Duration.ofSeconds(60), () -> details.find(Filters.eq("_id", placed.text("orderId"))).first() != null);
            Document template = details.find(Filters.eq("_id", placed.text("orderId"))).first();
            QueryGateway queries = engine.bean(QueryGateway.class);
            int customers = 1_000;
            long inserted = details.countDocuments();
            for (int target : options.orderCounts()) {
                long insertStarted = System.nanoTime();
                List<Document> batch = new ArrayList<>(1000);
                for (long i = inserted; i < target; i++) {
                    batch.add(syntheticOrder(template, i, customers));
                    if (batch.size() == 1000) {
                        details.insertMany(batch);
                        batch = new ArrayList<>(1000);
                    }
                }
                if (!batch.isEmpty()) {
                    details.insertMany(batch);
                }
                inserted = Math.max(inserted, target);
                OrderListSeed.seed(engine.database(), target, customers, template.getString("status"));
                double insertSeconds = (System.nanoTime() - insertStarted) / 1e9;
                Latencies history = new Latencies();
                Latencies adminList = new Latencies();
                int runs = target >= 500_000 ? Math.max(10, options.queries() / 5) : options.queries();
                for (int i = 0; i < runs + 3; i++) {
                    String customer = "bench-customer-" + ThreadLocalRandom.current().nextInt(customers);
                    long started = System.nanoTime();
                    queries.query(new FindCustomerOrdersQuery(customer, null, PageRequest.first(20)), Object.class).get();
                    long middle = System.nanoTime();
                    queries.query(AdminOrderSearchQuery.all(PageRequest.first(20)), Object.class).get();
                    long done = System.nanoTime();
                    if (i >= 3) {
                        history.add(middle - started);
                        adminList.add(done - middle);
                    }
                }
                print("(6) queries", engine, String.format("%8d orders (inserted in %.1f s): customer history %s;"
                        + " admin list %s", target, insertSeconds, history.summary(), adminList.summary()));
                figures.add(new Figure(target + " orders history p99 ms", history.percentileMillis(99)));
                figures.add(new Figure(target + " orders admin list p99 ms", adminList.percentileMillis(99)));
                if (target <= 100_000) {
                    print("(6) queries", engine, String.format("%8d orders: admin list filtered by status (an index"
                            + " walk and an index count, on the embedded store too) %s", target,
                            filteredAdminList(queries)));
                }
            }
        }
        return figures;
    }

    /**
     * A filtered admin list, which stays a query on order_details (before the embedded store served indexes, a scan
     * that could exceed the query timeout).
     */
    private static String filteredAdminList(QueryGateway queries) {
        Latencies filtered = new Latencies();
        try {
            for (int i = 0; i < 6; i++) {
                long started = System.nanoTime();
                queries.query(new AdminOrderSearchQuery(OrderStatus.PENDING, null, null, null, null, null,
                        PageRequest.first(20)), Object.class).get();
                if (i > 0) {
                    filtered.add(System.nanoTime() - started);
                }
            }
            return filtered.summary();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "failed after " + filtered.count() + " timed queries: " + e.getCause();
        }
    }

    private static Document syntheticOrder(Document template, long i, int customers) {
        Document order = Document.parse(template.toJson());
        order.put("_id", "bench-order-" + i);
        order.put("orderNumber", String.format("ORD-20250101-%09d", i));
        Document customer = order.get("customer", Document.class);
        if (customer == null) {
            customer = new Document();
        }
        customer.put("customerId", "bench-customer-" + (i % customers));
        customer.put("email", "c" + (i % customers) + "@example.com");
        customer.put("guestTokenHash", null);
        order.put("customer", customer);
        order.put("placedAt", OrderListSeed.placedAt(i));
        order.put("updatedAt", order.get("placedAt"));
        return order;
    }

    // ------------------------------------------------------------------------------------------------------------------

    private static void awaitSkusListed(BenchEngine engine, int count) {
        await(Duration.ofMinutes(5), () -> engine.client().get("/api/v1/skus?page=0&size=1", null).body().path("total").asInt()
                >= count);
    }

    static void await(Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + atMost);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static void print(String scenario, BenchEngine engine, String line) {
        System.out.printf("%-20s [%s] %s%n", scenario, engine.storeKind(), line);
        System.out.flush();
    }
}
