package io.orderengine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The benchmark scenarios by number ({@link #BY_NUMBER}; one {@link Scenario} class each) and what they share:
 * the harness options, the event storage engine and extra properties of the engines they boot, a fresh store per
 * engine, waiting for a condition and printing a figure line. Each scenario boots its own engine on a fresh store,
 * prints its figures, and stops it.
 */
final class Scenarios {

    /** Harness options (see {@link BenchMain}). */
    record Options(
            List<Integer> concurrency,
            Duration warmUp,
            Duration measured,
            int lifecycleOrders,
            List<Integer> histories,
            List<Integer> orderCounts,
            int queries,
            int replayCopies,
            List<Integer> bursts,
            String mongoUri,
            Path work) {}

    /** The scenarios, by the numbers {@code --scenarios} uses. */
    static final Map<Integer, Scenario> BY_NUMBER = Map.of(
            1, new CheckoutThroughputScenario(),
            2, new OrderLifecycleScenario(),
            3, new ReplayScenario(),
            4, new AggregateLoadScenario(),
            5, new ReservationsScenario(),
            6, new QueriesScenario(),
            7, new BurstScenario(),
            8, new StepLatencyScenario());

    private final Options options;
    private final String eventStore;
    private final Map<String, String> properties;

    /** Scenarios on engines with the event storage engine {@code eventStore} and the given extra properties. */
    Scenarios(Options options, String eventStore, Map<String, String> properties) {
        this.options = options;
        this.eventStore = eventStore;
        this.properties = properties;
    }

    /** Runs scenario {@code number} and returns its figures; an unknown number is printed and gives none. */
    List<Figure> run(int number) throws Exception {
        Scenario scenario = BY_NUMBER.get(number);
        if (scenario == null) {
            System.out.println("unknown scenario " + number);
            return List.of();
        }
        return scenario.run(this);
    }

    Options options() {
        return options;
    }

    /** A new engine on a fresh store (in the work directory, or a fresh database on the options' MongoDB). */
    BenchEngine boot() throws Exception {
        return BenchEngine.start(
                Files.createTempDirectory(options.work(), "store"), options.mongoUri(), eventStore, properties);
    }

    static void awaitSkusListed(BenchEngine engine, int count) {
        await(
                Duration.ofMinutes(5),
                () -> engine.client()
                                .get("/api/v1/skus?page=0&size=1", null)
                                .body()
                                .path("total")
                                .asInt()
                        >= count);
    }

    /** CPU time of this JVM so far, all its threads (the engine's and the bench clients'). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void await(Duration atMost, BooleanSupplier condition) {
        await(atMost, Duration.ofMillis(20), condition);
    }

    /** Polls {@code condition} every {@code interval} until it holds. */
    static void await(Duration atMost, Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + atMost);
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }

    static void print(String scenario, BenchEngine engine, String line) {
        System.out.printf("%-20s [%s] %s%n", scenario, engine.storeKind(), line);
        System.out.flush();
    }
}
