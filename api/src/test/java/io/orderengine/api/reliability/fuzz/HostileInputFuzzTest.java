package io.orderengine.api.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.orderengine.api.reliability.fuzz.HostileRequests.ApiOperation;
import io.orderengine.api.reliability.fuzz.HostileRequests.Targets;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand generated hostile requests (seeded: {@code -Dfuzz.seed}, count {@code -Dfuzz.requests}) across every
 * endpoint of one running engine: none is answered 500 (or any 5xx), none hangs, every request built to be invalid
 * is refused with a 4xx (those broken in exactly one known way, such as a duplicate key, a fractional quantity, a bidi
 * control in a name or a page out of range, with exactly the status that rule answers), and the refused requests
 * change nothing: the catalogue, the order list, the fixture orders
 * and the number of documents in every collection of the store are the same afterwards.
 */
class HostileInputFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final int THREADS = 6;
    /** Rejected checkouts are remembered for replay under their Idempotency-Key: a record of the refusal, not state. */
    private static final Set<String> REPLAY_RECORDS = Set.of("idempotency_keys");
    /** Kept by background jobs on their own clock, whatever requests arrive: the event log's sealer (head, lease). */
    private static final Set<String> BACKGROUND_RECORDS = Set.of("event_chain");

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static Targets targets;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        String admin = client.token("fuzz-admin", "ADMIN");
        String customer = client.token("alice", "CUSTOMER");
        String otherCustomer = client.token("mallory", "CUSTOMER");
        assertThat(client.registerSku(admin, "FUZZ-A", 1200, 20).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, "FUZZ-B", 800, 5).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> client.get("/api/v1/skus?size=500", null)
                                .body()
                                .path("items")
                                .size()
                        == 2);

        Reply guest = client.checkout(EngineClient.checkoutBody("FUZZ-A", 1, "guest@example.com"), null);
        Reply own = client.checkout(EngineClient.checkoutBody("FUZZ-B", 1, "alice@example.com"), customer);
        assertThat(guest.status()).isEqualTo(201);
        assertThat(own.status()).isEqualTo(201);
        String guestOrder = guest.text("orderId");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "AWAITING_PAYMENT"
                                .equals(client.get("/api/v1/admin/orders/" + guestOrder, admin)
                                        .text("status"))
                        && "AWAITING_PAYMENT"
                                .equals(client.get("/api/v1/admin/orders/" + own.text("orderId"), admin)
                                        .text("status")));
        String actionUrl = client.get("/api/v1/admin/orders/" + guestOrder, admin)
                .body()
                .path("payment")
                .path("action")
                .path("url")
                .asText();

        List<ApiOperation> operations = new ArrayList<>();
        JsonNode paths = client.get("/v3/api-docs", null).body().path("paths");
        paths.fields()
                .forEachRemaining(path -> path.getValue()
                        .fields()
                        .forEachRemaining(operation -> operations.add(new ApiOperation(
                                operation.getKey().toUpperCase(),
                                path.getKey(),
                                operation.getValue().has("requestBody")))));
        assertThat(operations).hasSizeGreaterThan(20);
        targets = new Targets(
                admin,
                customer,
                otherCustomer,
                guestOrder,
                guest.text("guestToken"),
                actionUrl.substring(actionUrl.lastIndexOf('/') + 1),
                own.text("orderId"),
                List.of("FUZZ-A", "FUZZ-B"),
                operations);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    record Answer(Probe probe, int status, String body) {}

    @Test
    void tenThousandHostileRequestsGetNoServerErrorAndTheRefusedOnesChangeNothing() throws Exception {
        Map<String, Object> before = state();
        HostileRequests generator = new HostileRequests(new HostileValues(new Random(SEED)), targets);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            probes.add(generator.next());
        }

        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, AtomicInteger> histogram = new ConcurrentHashMap<>();
        Map<String, Map<Integer, AtomicInteger>> byFamily = new ConcurrentHashMap<>();
        List<Answer> serverErrors = Collections.synchronizedList(new ArrayList<>());
        List<Answer> accepted = Collections.synchronizedList(new ArrayList<>());
        List<Answer> wrongStatus = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Iterator<Probe> next = probes.iterator();
        Object lock = new Object();
        for (int t = 0; t < THREADS; t++) {
            pool.submit(() -> {
                while (true) {
                    Probe probe;
                    synchronized (lock) {
                        if (!next.hasNext()) {
                            return;
                        }
                        probe = next.next();
                    }
                    Answer answer = send(http, probe);
                    histogram
                            .computeIfAbsent(answer.status(), s -> new AtomicInteger())
                            .incrementAndGet();
                    byFamily.computeIfAbsent(probe.family(), f -> new ConcurrentHashMap<>())
                            .computeIfAbsent(answer.status(), s -> new AtomicInteger())
                            .incrementAndGet();
                    if (answer.status() >= 500 || answer.status() < 100) {
                        serverErrors.add(answer);
                    } else if (probe.mustBeRejected() && (answer.status() < 400)) {
                        accepted.add(answer);
                    } else if (probe.expectedStatus() != 0 && answer.status() != probe.expectedStatus()) {
                        wrongStatus.add(answer);
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(15, TimeUnit.MINUTES)).isTrue();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        long mustBeRejected = probes.stream().filter(Probe::mustBeRejected).count();
        System.out.printf(
                "fuzz: seed %d (-Dfuzz.seed=%d to repeat), %d requests (%d built to be refused) in %d s, "
                        + "%d threads; status histogram %s%n",
                SEED, SEED, probes.size(), mustBeRejected, seconds, THREADS, new TreeMap<>(histogram));
        new TreeMap<>(byFamily)
                .forEach(
                        (family, statuses) -> System.out.printf("fuzz:   %-20s %s%n", family, new TreeMap<>(statuses)));
        serverErrors.stream()
                .limit(20)
                .forEach(a -> System.out.printf(
                        "fuzz: SERVER ERROR %d for %s -> %s%n",
                        a.status(), a.probe().describe(), a.body()));
        accepted.stream()
                .limit(20)
                .forEach(a -> System.out.printf(
                        "fuzz: ACCEPTED %d for %s -> %s%n",
                        a.status(), a.probe().describe(), a.body()));

        wrongStatus.stream()
                .limit(20)
                .forEach(a -> System.out.printf(
                        "fuzz: WRONG STATUS %d (expected %d) for %s -> %s%n",
                        a.status(), a.probe().expectedStatus(), a.probe().describe(), a.body()));

        assertThat(histogram.values().stream().mapToInt(AtomicInteger::get).sum())
                .isEqualTo(REQUESTS);
        boolean unchanged;
        try {
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> state().equals(before));
            unchanged = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            unchanged = false;
        }
        Map<String, Object> after = state();
        List<String> changed = before.keySet().stream()
                .filter(key -> !before.get(key).equals(after.get(key)))
                .toList();
        System.out.printf(
                "fuzz: state after the run: %d SKUs, %s orders, documents per collection %s; changed: %s%s%n",
                ((JsonNode) after.get("skus")).size(),
                ((JsonNode) after.get("orders")).path("total"),
                after.get("documents"),
                changed,
                changed.contains("documents") ? " (before: " + before.get("documents") + ")" : "");
        assertThat(kinds(serverErrors)).as("answers with 5xx or none at all").isEmpty();
        assertThat(kinds(accepted)).as("invalid requests that were not refused").isEmpty();
        assertThat(kinds(wrongStatus))
                .as("requests broken in one known way refused with another status")
                .isEmpty();
        assertThat(unchanged)
                .as("state unchanged by refused requests; changed: %s", changed)
                .isTrue();
    }

    /** One line per kind of unexpected answer: status, family, method, path shape and media type. */
    private static List<String> kinds(List<Answer> answers) {
        return answers.stream()
                .map(a -> a.status() + " " + a.probe().family() + " "
                        + a.probe().method() + " "
                        + a.probe()
                                .path()
                                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{uuid}")
                        + " " + a.probe().headers().getOrDefault("Content-Type", "application/json"))
                .distinct()
                .sorted()
                .toList();
    }

    private static Answer send(HttpClient http, Probe probe) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + engine.port() + probe.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            probe.method(),
                            probe.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(probe.body()));
            if (probe.body() != null && !probe.headers().containsKey("Content-Type")) {
                request.header("Content-Type", "application/json");
            }
            request.header("Accept", "application/json, application/problem+json");
            probe.headers().forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(probe, response.statusCode(), body.length() > 500 ? body.substring(0, 500) : body);
        } catch (HttpTimeoutException e) {
            return new Answer(probe, 0, "no answer within 30 s");
        } catch (IOException e) {
            return new Answer(probe, 0, "connection failed: " + e);
        } catch (IllegalArgumentException e) {
            return new Answer(probe, 0, "request could not be built: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(probe, 0, "interrupted");
        }
    }

    /** What refused requests must not change: the catalogue, the orders, and how many documents each collection has. */
    private static Map<String, Object> state() {
        Map<String, Object> state = new TreeMap<>();
        state.put("skus", client.get("/api/v1/skus?size=500", null).body().path("items"));
        state.put(
                "orders",
                client.get("/api/v1/admin/orders?size=100", targets.admin()).body());
        state.put(
                "guestOrder",
                client.get("/api/v1/admin/orders/" + targets.guestOrderId(), targets.admin())
                        .body());
        state.put(
                "customerOrder",
                client.get("/api/v1/admin/orders/" + targets.customerOrderId(), targets.admin())
                        .body());
        state.put(
                "webhooks",
                client.get("/api/v1/admin/webhooks?size=500", targets.admin()).body());
        MongoDatabase database = engine.bean(MongoDatabase.class);
        Map<String, Long> documents = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (!REPLAY_RECORDS.contains(name) && !BACKGROUND_RECORDS.contains(name)) {
                documents.put(name, database.getCollection(name).countDocuments());
            }
        }
        state.put("documents", documents);
        return state;
    }
}
