package io.orderengine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark harness: runs the chosen scenarios on the embedded store, and again on {@code MONGODB_URI} when it is
 * set, and prints the figures with the command line and the machine's facts. Nothing is asserted.
 * <p>
 * Options: {@code --scenarios=1,2,3,4,5,6} {@code --concurrency=1,4,16} {@code --seconds=10} {@code --warmup=3}
 * {@code --orders=200} (lifecycle orders; the replay scenario places twice as many)
 * {@code --histories=10,100,1000,10000,100000} {@code --order-counts=10000,100000} {@code --queries=50}
 * {@code --replay-copies=20} (how many times the replay scenario copies the placed orders' events).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Set<Integer> scenarios = new LinkedHashSet<>(ints(option(args, "scenarios", "1,2,3,4,5,6")));
        Path work = Files.createTempDirectory("order-engine-bench");
        Scenarios.Options base = new Scenarios.Options(
                ints(option(args, "concurrency", "1,4,16")),
                Duration.ofSeconds(Integer.parseInt(option(args, "warmup", "3"))),
                Duration.ofSeconds(Integer.parseInt(option(args, "seconds", "10"))),
                Integer.parseInt(option(args, "orders", "200")),
                ints(option(args, "histories", "10,100,1000,10000,100000")),
                ints(option(args, "order-counts", "10000,100000")),
                Integer.parseInt(option(args, "queries", "50")),
                Integer.parseInt(option(args, "replay-copies", "20")),
                null, work);
        printFacts(args);
        List<String> stores = new ArrayList<>(List.of("embedded"));
        String uri = System.getenv("MONGODB_URI");
        if (uri != null && !uri.isBlank()) {
            stores.add(uri);
        }
        for (String store : stores) {
            Scenarios.Options options = new Scenarios.Options(base.concurrency(), base.warmUp(), base.measured(),
                    base.lifecycleOrders(), base.histories(), base.orderCounts(), base.queries(), base.replayCopies(),
                    "embedded".equals(store) ? null : store, work);
            Scenarios run = new Scenarios(options);
            for (int scenario : scenarios) {
                long started = System.nanoTime();
                try {
                    switch (scenario) {
                        case 1 -> run.checkoutThroughput();
                        case 2 -> run.orderLifecycle();
                        case 3 -> run.replay();
                        case 4 -> run.aggregateLoad();
                        case 5 -> run.reservations();
                        case 6 -> run.queries();
                        default -> System.out.println("unknown scenario " + scenario);
                    }
                } catch (Exception | AssertionError e) {
                    System.out.printf("scenario %d failed: %s%n", scenario, e);
                }
                System.out.printf("scenario %d took %.0f s; load average now %s%n", scenario,
                        (System.nanoTime() - started) / 1e9, loadAverage());
            }
        }
        System.out.println("load average at the end: " + loadAverage());
        System.exit(0);
    }

    private static void printFacts(String[] args) {
        Runtime runtime = Runtime.getRuntime();
        System.out.println("=== order engine benchmark " + Instant.now());
        System.out.println("command: java " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + " io.orderengine.bench.BenchMain " + String.join(" ", args));
        System.out.printf("machine: %d cores (%s), %s %s, Java %s (%s), max heap %d MiB%n",
                runtime.availableProcessors(), cpuModel(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), runtime.maxMemory() >> 20);
        System.out.println("load average at the start (other builds share the machine): " + loadAverage());
        System.out.println("MONGODB_URI: " + (System.getenv("MONGODB_URI") == null ? "not set (embedded store only)" : "set"));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String option(String[] args, String name, String otherwise) {
        return Arrays.stream(args).filter(a -> a.startsWith("--" + name + "="))
                .map(a -> a.substring(name.length() + 3)).findFirst().orElse(otherwise);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }
}
