package io.orderengine.bench;

import static io.orderengine.bench.Scenarios.await;
import static io.orderengine.bench.Scenarios.awaitSkusListed;
import static io.orderengine.bench.Scenarios.print;

import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario (2), order lifecycle: orders taken from checkout through stock reservation and a sandbox approval until
 * the read model shows them CONFIRMED, 32 at a time after a warm-up; orders per second and time per order, and the
 * orders per second as a ratio to the baseline's requests per second at the same concurrency.
 */
final class OrderLifecycleScenario implements Scenario {

    private static final int CONCURRENCY = 32;
    /**
     * How often a client reads its order while it waits, as a shop page would: 32 clients reading every 20 ms would
     * be 1,600 reads a second, a load of their own.
     */
    private static final Duration POLL = Duration.ofMillis(200);

    @Override
    public List<Figure> run(Scenarios bench) throws Exception {
        Scenarios.Options options = bench.options();
        try (BenchEngine engine = bench.boot()) {
            String admin = engine.client().token("bench-admin", "ADMIN");
            int skus = 50;
            for (int i = 0; i < skus; i++) {
                engine.registerSku(admin, "LIFE-" + i, 990, 1_000_000);
            }
            awaitSkusListed(engine, skus);
            lifecycle(engine, 4, Math.max(8, options.lifecycleOrders() / 10), skus);
            // the same requests' baseline: one insert per request behind the same filter chain, same concurrency
            ClosedLoop.Result baseline = ClosedLoop.run(
                    CONCURRENCY,
                    options.warmUp(),
                    options.measured(),
                    (worker, n) -> engine.client()
                                    .post(
                                            "/bench/baseline/orders",
                                            EngineClient.checkoutBody(
                                                    "LIFE-" + (n % skus), 1, "base" + n + "@example.com"),
                                            null,
                                            Map.of(
                                                    "Idempotency-Key",
                                                    UUID.randomUUID().toString()))
                                    .status()
                            == 201);
            long started = System.nanoTime();
            Latencies perOrder = lifecycle(engine, CONCURRENCY, options.lifecycleOrders(), skus);
            double seconds = (System.nanoTime() - started) / 1e9;
            double perSecond = perOrder.count() / seconds;
            print("(2) lifecycle", engine, baseline.line("baseline"));
            print(
                    "(2) lifecycle",
                    engine,
                    String.format(
                            "%d orders, c=%d: %.1f orders/s (checkout -> reserved ->"
                                    + " sandbox approve -> CONFIRMED in the read model); per order %s;"
                                    + " %.3fx the baseline's requests/s",
                            perOrder.count(),
                            CONCURRENCY,
                            perSecond,
                            perOrder.summary(),
                            perSecond / baseline.perSecond()));
            return List.of(
                    new Figure("orders/s", perSecond),
                    new Figure("baseline req/s", baseline.perSecond()),
                    new Figure("orders/s / baseline req/s", perSecond / baseline.perSecond()),
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
                    EngineClient.Reply placed = engine.client()
                            .checkout(
                                    EngineClient.checkoutBody("LIFE-" + (n % skus), 1, "life" + n + "@example.com"),
                                    null);
                    if (placed.status() != 201) {
                        throw new IllegalStateException("checkout failed: " + placed);
                    }
                    String path = "/api/v1/orders/" + placed.text("orderId") + "?token=" + placed.text("guestToken");
                    String[] action = new String[1];
                    await(Duration.ofSeconds(60), POLL, () -> {
                        EngineClient.Reply order = engine.client().get(path, null);
                        action[0] = order.body()
                                .path("payment")
                                .path("action")
                                .path("url")
                                .asText(null);
                        return order.status() == 200
                                && "AWAITING_PAYMENT".equals(order.text("status"))
                                && action[0] != null;
                    });
                    EngineClient.Reply paid =
                            engine.client().post(action[0], Map.of("outcome", "approve"), null, Map.of());
                    if (paid.status() / 100 != 2) {
                        throw new IllegalStateException("sandbox payment failed: " + paid);
                    }
                    await(
                            Duration.ofSeconds(60),
                            POLL,
                            () -> "CONFIRMED"
                                    .equals(engine.client().get(path, null).text("status")));
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
}
