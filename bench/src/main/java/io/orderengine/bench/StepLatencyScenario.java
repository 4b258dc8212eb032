package io.orderengine.bench;

import static io.orderengine.bench.Scenarios.print;

import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Scenario (8), waiting between steps: one shopper at a time on an idle engine. For each order, the checkout POST,
 * then how long until {@code GET /api/v1/orders/{id}} shows {@code AWAITING_PAYMENT}; the sandbox approval POST, then
 * how long until it shows {@code CONFIRMED}. Each wait as a ratio to the POST that started it; p50 over twelve
 * orders after three for warm-up.
 */
final class StepLatencyScenario implements Scenario {

    private static final int WARM_UP = 3;
    private static final int MEASURED = 12;

    @Override
    public List<Figure> run(Scenarios bench) throws Exception {
        try (BenchEngine engine = bench.boot()) {
            EngineClient client = engine.client();
            String admin = client.token("bench-admin", "ADMIN");
            engine.registerSku(admin, "STEP-1", 990, 1_000_000);
            Scenarios.awaitSkusListed(engine, 1);
            Latencies checkout = new Latencies();
            Latencies toAwaiting = new Latencies();
            Latencies approve = new Latencies();
            Latencies toConfirmed = new Latencies();
            List<Double> awaitingRatios = new ArrayList<>();
            List<Double> confirmedRatios = new ArrayList<>();
            for (int n = 0; n < WARM_UP + MEASURED; n++) {
                long t0 = System.nanoTime();
                EngineClient.Reply placed =
                        client.checkout(EngineClient.checkoutBody("STEP-1", 1, "step" + n + "@example.com"), null);
                long t1 = System.nanoTime();
                if (placed.status() != 201) {
                    throw new IllegalStateException("checkout failed: " + placed);
                }
                String path = "/api/v1/orders/" + placed.text("orderId") + "?token=" + placed.text("guestToken");
                EngineClient.Reply awaiting = poll(
                        client,
                        path,
                        order -> "AWAITING_PAYMENT".equals(order.text("status"))
                                && !order.body()
                                        .path("payment")
                                        .path("action")
                                        .path("url")
                                        .isMissingNode());
                long t2 = System.nanoTime();
                String url = awaiting.body()
                        .path("payment")
                        .path("action")
                        .path("url")
                        .asText();
                long t3 = System.nanoTime();
                EngineClient.Reply paid = client.post(url, Map.of("outcome", "approve"), null, Map.of());
                long t4 = System.nanoTime();
                if (paid.status() / 100 != 2) {
                    throw new IllegalStateException("sandbox payment failed: " + paid);
                }
                poll(client, path, order -> "CONFIRMED".equals(order.text("status")));
                long t5 = System.nanoTime();
                if (n >= WARM_UP) {
                    checkout.add(t1 - t0);
                    toAwaiting.add(t2 - t1);
                    approve.add(t4 - t3);
                    toConfirmed.add(t5 - t4);
                    awaitingRatios.add((double) (t2 - t1) / (t1 - t0));
                    confirmedRatios.add((double) (t5 - t4) / (t4 - t3));
                }
            }
            double awaitingRatio = median(awaitingRatios);
            double confirmedRatio = median(confirmedRatios);
            print(
                    "(8) steps",
                    engine,
                    String.format(
                            "checkout POST p50 %.1f ms, then AWAITING_PAYMENT visible p50 %.1f ms"
                                    + " (p50 ratio %.2fx the POST); approve POST p50 %.1f ms, then CONFIRMED visible p50 %.1f ms"
                                    + " (p50 ratio %.2fx the POST); %d orders after %d warm-up",
                            checkout.percentileMillis(50),
                            toAwaiting.percentileMillis(50),
                            awaitingRatio,
                            approve.percentileMillis(50),
                            toConfirmed.percentileMillis(50),
                            confirmedRatio,
                            MEASURED,
                            WARM_UP));
            return List.of(
                    new Figure("checkout POST p50 ms", checkout.percentileMillis(50)),
                    new Figure("to AWAITING_PAYMENT p50 ms", toAwaiting.percentileMillis(50)),
                    new Figure("to AWAITING_PAYMENT / POST p50", awaitingRatio),
                    new Figure("approve POST p50 ms", approve.percentileMillis(50)),
                    new Figure("to CONFIRMED p50 ms", toConfirmed.percentileMillis(50)),
                    new Figure("to CONFIRMED / POST p50", confirmedRatio));
        }
    }

    private static EngineClient.Reply poll(EngineClient client, String path, Predicate<EngineClient.Reply> done) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            EngineClient.Reply order = client.get(path, null);
            if (order.status() == 200 && done.test(order)) {
                return order;
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        throw new IllegalStateException("not reached within a minute: " + path);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
