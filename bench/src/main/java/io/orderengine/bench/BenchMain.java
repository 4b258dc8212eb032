package io.orderengine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmark harness: runs the chosen scenarios on the embedded store, and again on {@code MONGODB_URI} when it is
 * set, and prints the figures with the command line and the machine's facts. Nothing is asserted.
 * <p>
 * Options: {@code --scenarios=1,2,3,4,5,6} {@code --concurrency=1,4,16} {@code --seconds=10} {@code --warmup=3}
 * {@code --orders=200} (lifecycle orders; the replay scenario places twice as many)
 * {@code --histories=10,100,1000,10000,100000} {@code --order-counts=10000,100000} {@code --queries=50}
 * {@code --replay-copies=20} (how many times the replay scenario copies the placed orders' events)
 * {@code --bursts=1000,10000} (guest checkouts per burst in scenario 7)
 * {@code --event-log-chain=off,on} (each scenario without and with the event log's hash chain, side by side)
 * {@code --event-stores=global-sequence,stock} (each scenario runs once per event storage engine, on a fresh store
 * each time, and the figures are printed side by side with the ratio of the second to the first; default
 * {@code global-sequence} only) {@code --privacy=encrypted,plain} (likewise once per mode: personal data in events
 * encrypted, as always in production, or written in plain as before; default {@code encrypted})
 * {@code --order-detail-batch-size=N} (sets {@code engine.event-store.order-detail-batch-size}).
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Set<Integer> scenarios = new LinkedHashSet<>(ints(option(args, "scenarios", "1,2,3,4,5,6,7,8")));
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
                ints(option(args, "bursts", "1000")),
                null,
                work);
        List<String> eventStores = Arrays.stream(
                        option(args, "event-stores", "global-sequence").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        // --event-log-chain=off,on and --privacy=plain,encrypted run every scenario in each variant, side by side
        List<String> chains = Arrays.stream(
                        option(args, "event-log-chain", "on").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        List<String> privacyModes = Arrays.stream(
                        option(args, "privacy", "encrypted").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        List<String> variants = new ArrayList<>();
        for (String eventStore : eventStores) {
            for (String chain : chains) {
                for (String privacy : privacyModes) {
                    variants.add(eventStore
                            + (chains.size() > 1 ? " chain " + chain : "")
                            + (privacyModes.size() > 1 ? " privacy " + privacy : ""));
                }
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        String batchSize = option(args, "order-detail-batch-size", null);
        if (batchSize != null) {
            properties.put("engine.event-store.order-detail-batch-size", batchSize);
        }
        printFacts(args);
        List<String> stores = new ArrayList<>(List.of("embedded"));
        String uri = System.getenv("MONGODB_URI");
        if (uri != null && !uri.isBlank()) {
            stores.add(uri);
        }
        for (String store : stores) {
            Scenarios.Options options = new Scenarios.Options(
                    base.concurrency(),
                    base.warmUp(),
                    base.measured(),
                    base.lifecycleOrders(),
                    base.histories(),
                    base.orderCounts(),
                    base.queries(),
                    base.replayCopies(),
                    base.bursts(),
                    "embedded".equals(store) ? null : store,
                    work);
            for (int scenario : scenarios) {
                Map<String, List<Figure>> byEngine = new LinkedHashMap<>();
                Map<String, String> loads = new LinkedHashMap<>();
                for (String variant : variants) {
                    String eventStore = variant.split(" ")[0];
                    Map<String, String> variantProperties = new LinkedHashMap<>(properties);
                    if (variant.contains(" chain ")) {
                        variantProperties.put(
                                "engine.event-log.chain-enabled", String.valueOf(variant.contains(" chain on")));
                    }
                    if (variant.contains(" privacy ")) {
                        variantProperties.put(
                                "engine.privacy.encrypt-events", String.valueOf(!variant.contains(" privacy plain")));
                    }
                    Scenarios run = new Scenarios(options, eventStore, variantProperties);
                    long started = System.nanoTime();
                    String loadBefore = loadAverage();
                    try {
                        byEngine.put(variant, run.run(scenario));
                    } catch (Exception | AssertionError e) {
                        System.out.printf("scenario %d on %s failed: %s%n", scenario, variant, e);
                    }
                    String loadAfter = loadAverage();
                    loads.put(variant, loadBefore + " -> " + loadAfter);
                    System.out.printf(
                            "scenario %d on %s took %.0f s; load average now %s%n",
                            scenario, variant, (System.nanoTime() - started) / 1e9, loadAfter);
                }
                if (variants.size() > 1) {
                    printSideBySide(scenario, variants, byEngine, loads);
                }
            }
        }
        System.out.println("load average at the end: " + loadAverage());
        delete(work);
        System.exit(0);
    }

    /** Deletes {@code folder} and everything in it; a folder that cannot be deleted is named, not fatal. */
    static void delete(Path folder) {
        try {
            FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
            System.out.printf("could not delete %s: %s%n", folder, e);
        }
    }

    /** One table per scenario: a figure per row, one column per event store, and each store's ratio to the first. */
    private static void printSideBySide(
            int scenario, List<String> eventStores, Map<String, List<Figure>> byEngine, Map<String, String> loads) {
        String first = eventStores.get(0);
        StringBuilder table = new StringBuilder();
        table.append(String.format("%n=== scenario %d side by side (ratio = other store / %s)%n", scenario, first));
        table.append(String.format("| %-42s |", "figure"));
        for (String store : eventStores) {
            table.append(String.format(" %16s |", store));
        }
        for (String store : eventStores.subList(1, eventStores.size())) {
            table.append(String.format(" %16s |", store + "/" + first));
        }
        table.append('\n');
        List<Figure> reference = byEngine.getOrDefault(first, List.of());
        List<String> names = new ArrayList<>();
        byEngine.values()
                .forEach(figures -> figures.forEach(f -> {
                    if (!names.contains(f.name())) {
                        names.add(f.name());
                    }
                }));
        for (String name : names) {
            table.append(String.format("| %-42s |", name));
            for (String store : eventStores) {
                table.append(String.format(" %16s |", format(value(byEngine.get(store), name))));
            }
            Double ours = value(reference, name);
            for (String store : eventStores.subList(1, eventStores.size())) {
                Double other = value(byEngine.get(store), name);
                table.append(String.format(
                        " %16s |",
                        ours == null || other == null || ours == 0 ? "-" : String.format("%.2fx", other / ours)));
            }
            table.append('\n');
        }
        loads.forEach((store, load) -> table.append("load average on ")
                .append(store)
                .append(": ")
                .append(load)
                .append('\n'));
        System.out.println(table);
        System.out.flush();
    }

    private static Double value(List<Figure> figures, String name) {
        if (figures == null) {
            return null;
        }
        return figures.stream()
                .filter(f -> f.name().equals(name))
                .map(Figure::value)
                .findFirst()
                .orElse(null);
    }

    private static String format(Double value) {
        if (value == null) {
            return "failed";
        }
        return Math.abs(value) >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }

    private static void printFacts(String[] args) {
        Runtime runtime = Runtime.getRuntime();
        System.out.println("=== order engine benchmark " + Instant.now());
        System.out.println("command: java "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + " io.orderengine.bench.BenchMain " + String.join(" ", args));
        System.out.printf(
                "machine: %d cores (%s), %s %s, Java %s (%s), max heap %d MiB%n",
                runtime.availableProcessors(),
                cpuModel(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                runtime.maxMemory() >> 20);
        System.out.println("load average at the start (other builds share the machine): " + loadAverage());
        System.out.println(
                "MONGODB_URI: " + (System.getenv("MONGODB_URI") == null ? "not set (embedded store only)" : "set"));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
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
        return Arrays.stream(args)
                .filter(a -> a.startsWith("--" + name + "="))
                .map(a -> a.substring(name.length() + 3))
                .findFirst()
                .orElse(otherwise);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Integer::valueOf)
                .toList();
    }
}
