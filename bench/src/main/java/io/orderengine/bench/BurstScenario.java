package io.orderengine.bench;

import static io.orderengine.bench.Scenarios.print;

import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario (7), a flash sale: each burst size of {@code --bursts} guest checkouts sent by eight clients as fast as
 * they are answered, then the time until every one of them is {@code AWAITING_PAYMENT} in the read model (the saga
 * reserved the stock and set up the payment), as a ratio to the burst's own duration. Each burst runs on a fresh
 * engine, after a warm-up of 200 orders that are processed before the burst starts; the ratio should not grow with
 * the burst size. Also the CPU time the bench's JVM (the engine and its eight clients) spent per order, from the
 * start of the burst until the last order is {@code AWAITING_PAYMENT}: a figure that does not depend on how busy
 * the machine's other processes keep it.
 */
final class BurstScenario implements Scenario {

    private static final int CLIENTS = 8;
    private static final int WARM_UP = 200;

    @Override
    public List<Figure> run(Scenarios bench) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (int orders : bench.options().bursts()) {
            try (BenchEngine engine = bench.boot()) {
                String admin = engine.client().token("bench-admin", "ADMIN");
                engine.registerSku(admin, "BURST-1", 990, 1_000_000); // the most one stock delta may add
                Scenarios.awaitSkusListed(engine, 1);
                // warm-up, as on an engine that has been serving: 200 orders, processed before the burst starts
                burst(engine, WARM_UP);
                awaitAwaitingPayment(engine, admin, WARM_UP);
                long started = System.nanoTime();
                long cpuStarted = Scenarios.processCpuNanos();
                burst(engine, orders);
                double burstSeconds = (System.nanoTime() - started) / 1e9;
                long lastAnswered = System.nanoTime();
                awaitAwaitingPayment(engine, admin, WARM_UP + orders);
                double drainSeconds = (System.nanoTime() - lastAnswered) / 1e9;
                double cpuMillisPerOrder = (Scenarios.processCpuNanos() - cpuStarted) / 1e6 / orders;
                print(
                        "(7) burst",
                        engine,
                        String.format(
                                "%d guest checkouts from %d clients in %.1f s (%.0f/s); every"
                                        + " order AWAITING_PAYMENT %.1f s after the last 201: %.2fx the burst;"
                                        + " CPU %.1f ms per order",
                                orders,
                                CLIENTS,
                                burstSeconds,
                                orders / burstSeconds,
                                drainSeconds,
                                drainSeconds / burstSeconds,
                                cpuMillisPerOrder));
                figures.add(new Figure(orders + " orders: accepted/s", orders / burstSeconds));
                figures.add(new Figure(orders + " orders: drain s after last 201", drainSeconds));
                figures.add(new Figure(orders + " orders: drain / burst", drainSeconds / burstSeconds));
                figures.add(new Figure(orders + " orders: CPU ms per order", cpuMillisPerOrder));
            }
        }
        return figures;
    }

    private static void awaitAwaitingPayment(BenchEngine engine, String admin, int orders) {
        Scenarios.await(
                Duration.ofHours(1),
                () -> engine.client()
                                .get("/api/v1/admin/orders?status=AWAITING_PAYMENT&size=1", admin)
                                .body()
                                .path("total")
                                .asInt()
                        >= orders);
    }

    private static void burst(BenchEngine engine, int orders) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int n = next.getAndIncrement(); n < orders; n = next.getAndIncrement()) {
                    EngineClient.Reply placed = engine.client()
                            .checkout(EngineClient.checkoutBody("BURST-1", 1, "burst" + n + "@example.com"), null);
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
        clients.shutdown();
    }
}
