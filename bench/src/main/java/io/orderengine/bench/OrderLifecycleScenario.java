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
 * orders per second as a ratio to the baseline's requests per second at the same concurrency. Run twice on the same
 * engine: each client first reads its order every 200 ms while it waits ({@code poll}), then follows it on its live
 * stream as the shop's order page does ({@code stream}).
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
            lifecycle(engine, 4, Math.max(8, options.lifecycleOrders() / 10), skus, false);
            lifecycle(engine, 4, Math.max(8, options.lifecycleOrders() / 10), skus, true);
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
            print("(2) lifecycle", engine, baseline.line("baseline"));
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("baseline req/s", baseline.perSecond()));
            for (boolean stream : new boolean[] {false, true}) {
                String follow = stream ? "stream" : "poll";
                long started = System.nanoTime();
                long cpuStarted = Scenarios.processCpuNanos();
                Latencies perOrder = lifecycle(engine, CONCURRENCY, options.lifecycleOrders(), skus, stream);
                double seconds = (System.nanoTime() - started) / 1e9;
                double perSecond = perOrder.count() / seconds;
                double cpuMillisPerOrder = (Scenarios.processCpuNanos() - cpuStarted) / 1e6 / perOrder.count();
                print(
                        "(2) lifecycle",
                        engine,
                        String.format(
                                "%d orders, c=%d, clients follow by %s: %.1f orders/s (checkout -> reserved ->"
                                        + " sandbox approve -> CONFIRMED in the read model); per order %s;"
                                        + " %.3fx the baseline's requests/s; CPU %.1f ms per order (engine and"
                                        + " clients)",
                                perOrder.count(),
                                CONCURRENCY,
                                follow,
                                perSecond,
                                perOrder.summary(),
                                perSecond / baseline.perSecond(),
                                cpuMillisPerOrder));
                figures.add(new Figure("orders/s (" + follow + ")", perSecond));
                figures.add(new Figure("orders/s / baseline req/s (" + follow + ")", perSecond / baseline.perSecond()));
                figures.add(new Figure("per order p50 ms (" + follow + ")", perOrder.percentileMillis(50)));
                figures.add(new Figure("per order p99 ms (" + follow + ")", perOrder.percentileMillis(99)));
                figures.add(new Figure("CPU ms per order (" + follow + ")", cpuMillisPerOrder));
            }
            return figures;
        }
    }

    private Latencies lifecycle(BenchEngine engine, int concurrency, int orders, int skus, boolean stream)
            throws Exception {
        Latencies latencies = new Latencies();
        OrderStreamFollower follower = new OrderStreamFollower(engine.port());
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
                    String orderId = placed.text("orderId");
                    String token = "?token=" + placed.text("guestToken");
                    if (stream) {
                        boolean[] approved = new boolean[1];
                        follower.follow("/api/v1/orders/" + orderId + "/stream" + token, "CONFIRMED", order -> {
                            String url = order.path("payment")
                                    .path("action")
                                    .path("url")
                                    .asText(null);
                            if (!approved[0]
                                    && "AWAITING_PAYMENT"
                                            .equals(order.path("status").asText())
                                    && url != null) {
                                approved[0] = true;
                                approve(engine, url);
                            }
                        });
                    } else {
                        String path = "/api/v1/orders/" + orderId + token;
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
                        approve(engine, action[0]);
                        await(
                                Duration.ofSeconds(60),
                                POLL,
                                () -> "CONFIRMED"
                                        .equals(engine.client().get(path, null).text("status")));
                    }
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

    private static void approve(BenchEngine engine, String actionUrl) {
        EngineClient.Reply paid = engine.client().post(actionUrl, Map.of("outcome", "approve"), null, Map.of());
        if (paid.status() / 100 != 2) {
            throw new IllegalStateException("sandbox payment failed: " + paid);
        }
    }
}
