package io.orderengine.bench;

import static io.orderengine.bench.Scenarios.awaitSkusListed;
import static io.orderengine.bench.Scenarios.print;

import io.orderengine.testkit.EngineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario (1), checkout throughput: a closed loop of guest checkouts against the baseline endpoint (the same HTTP
 * request without the engine behind it) and against the real checkout, at each concurrency, with the ratio of the two.
 */
final class CheckoutThroughputScenario implements Scenario {

    @Override
    public List<Figure> run(Scenarios bench) throws Exception {
        Scenarios.Options options = bench.options();
        List<Figure> figures = new ArrayList<>();
        try (BenchEngine engine = bench.boot()) {
            String admin = engine.client().token("bench-admin", "ADMIN");
            int skus = 100;
            for (int i = 0; i < skus; i++) {
                engine.registerSku(admin, "CHK-" + i, 1250, 1_000_000);
            }
            awaitSkusListed(engine, skus);
            for (int concurrency : options.concurrency()) {
                ClosedLoop.Result baseline = ClosedLoop.run(
                        concurrency,
                        options.warmUp(),
                        options.measured(),
                        (worker, n) -> engine.client()
                                        .post(
                                                "/bench/baseline/orders",
                                                EngineClient.checkoutBody(
                                                        "CHK-" + (n % skus), 1, "guest" + n + "@example.com"),
                                                null,
                                                Map.of(
                                                        "Idempotency-Key",
                                                        UUID.randomUUID().toString()))
                                        .status()
                                == 201);
                ClosedLoop.Result checkout = ClosedLoop.run(
                        concurrency,
                        options.warmUp(),
                        options.measured(),
                        (worker, n) -> engine.client()
                                        .checkout(
                                                EngineClient.checkoutBody(
                                                        "CHK-" + (n % skus), 1, "guest" + n + "@example.com"),
                                                null)
                                        .status()
                                == 201);
                print("(1) checkout", engine, baseline.line("baseline"));
                print("(1) checkout", engine, checkout.line("checkout"));
                print(
                        "(1) checkout",
                        engine,
                        String.format(
                                "ratio c=%d: throughput %.2fx baseline, p99 %.2fx baseline",
                                concurrency,
                                checkout.perSecond() / baseline.perSecond(),
                                checkout.latencies().percentileMillis(99)
                                        / baseline.latencies().percentileMillis(99)));
                figures.add(new Figure("c=" + concurrency + " baseline req/s", baseline.perSecond()));
                figures.add(new Figure("c=" + concurrency + " checkout req/s", checkout.perSecond()));
                figures.add(new Figure(
                        "c=" + concurrency + " checkout p50 ms",
                        checkout.latencies().percentileMillis(50)));
                figures.add(new Figure(
                        "c=" + concurrency + " checkout p99 ms",
                        checkout.latencies().percentileMillis(99)));
                figures.add(new Figure(
                        "c=" + concurrency + " checkout/baseline throughput",
                        checkout.perSecond() / baseline.perSecond()));
            }
        }
        return figures;
    }
}
