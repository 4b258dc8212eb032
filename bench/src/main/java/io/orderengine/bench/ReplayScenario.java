package io.orderengine.bench;

import static io.orderengine.bench.Scenarios.await;
import static io.orderengine.bench.Scenarios.awaitSkusListed;
import static io.orderengine.bench.Scenarios.print;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * Scenario (3), replay: orders placed through checkout, their events copied many times under new ids, then the
 * {@code order-detail} projection replayed from zero and compared with a raw driver copy of the same events.
 */
final class ReplayScenario implements Scenario {

    @Override
    public List<Figure> run(Scenarios bench) throws Exception {
        Scenarios.Options options = bench.options();
        try (BenchEngine engine = bench.boot()) {
            String admin = engine.client().token("bench-admin", "ADMIN");
            int skus = 50;
            for (int i = 0; i < skus; i++) {
                engine.registerSku(admin, "RPL-" + i, 500, 1_000_000);
            }
            awaitSkusListed(engine, skus);
            int orders = options.lifecycleOrders() * 2;
            placeOrders(engine, 8, orders, skus, "RPL-");
            await(
                    Duration.ofMinutes(5),
                    () -> engine.database().getCollection("order_details").countDocuments() >= orders);
            // The copies must not start sagas, and the projection under test replays them from zero.
            engine.bean(EventProcessingConfiguration.class)
                    .eventProcessors()
                    .values()
                    .forEach(EventProcessor::shutDown);
            EventStorageEngine storage = engine.bean(EventStorageEngine.class);
            long cloned = OrderHistoryCopies.append(
                    storage, engine.bean("eventSerializer", Serializer.class), options.replayCopies());
            print(
                    "(3) replay",
                    engine,
                    String.format(
                            "%d orders placed through checkout; their order events copied"
                                    + " %d times under new order ids and numbers: %d events appended",
                            orders, options.replayCopies(), cloned));
            // the token of the last event in tracking order (the stock engine's head token is "now", which its
            // timestamp tokens never reach when the newest events carry older timestamps, as these copies do)
            List<? extends TrackedEventMessage<?>> log =
                    storage.readEvents(null, false).collect(Collectors.toList());
            TrackingToken head = log.isEmpty() ? null : log.get(log.size() - 1).trackingToken();
            StreamingEventProcessor processor = engine.bean(EventProcessingConfiguration.class)
                    .eventProcessor("order-detail", StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("no order-detail processor"));
            long events =
                    engine.database().getCollection(engine.eventCollection()).countDocuments();

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
            for (Document event :
                    database.getCollection(engine.eventCollection()).find().batchSize(1000)) {
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
            print(
                    "(3) replay",
                    engine,
                    String.format(
                            "order-detail projection replayed %d events in %.2f s: %.0f"
                                    + " events/s; raw driver copy of the same %d events: %.0f events/s; ratio %.2fx",
                            events,
                            replaySeconds,
                            events / replaySeconds,
                            copied,
                            copied / copySeconds,
                            (events / replaySeconds) / (copied / copySeconds)));
            return List.of(
                    new Figure("events", events),
                    new Figure("replay s", replaySeconds),
                    new Figure("replay events/s", events / replaySeconds),
                    new Figure("raw copy events/s", copied / copySeconds),
                    new Figure("replay/raw copy", (events / replaySeconds) / (copied / copySeconds)));
        }
    }

    private void placeOrders(BenchEngine engine, int concurrency, int orders, int skus, String prefix)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                for (int n = next.getAndIncrement(); n < orders; n = next.getAndIncrement()) {
                    EngineClient.Reply placed = engine.client()
                            .checkout(
                                    EngineClient.checkoutBody(prefix + (n % skus), 1, "rpl" + n + "@example.com"),
                                    null);
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
}
