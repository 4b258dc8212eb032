package io.orderengine.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.engine.ProcessingGroups;
import io.orderengine.api.support.EngineJvm;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.command.sku.Sku;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engine instances on one store, both with {@code engine.cluster.enabled=true} (A balances segments because of
 * it, B through the explicit {@code engine.cluster.balance-segments} override): this JVM runs engine A, which
 * serves its embedded store on a fixed port; a child JVM runs engine B with {@code MONGODB_URI} pointing at A's
 * store (with {@code MONGODB_URI} set for the test, both use that MongoDB). Only B can be killed: killing A would
 * kill the store. The methods share the two JVMs and run in order:
 * <ol>
 * <li>the segments of every event processor are split half and half and each instance's share is visible in its
 *     {@code GET /api/v1/admin/projections}; SKU aggregates are not cached;</li>
 * <li>checkouts go round-robin through both, each paid through the other instance; every order ends confirmed
 *     exactly once: one checkout saga, one capture, one confirmation email, no event twice, no deadline left;</li>
 * <li>a client holding the live order stream on A sees a payment made through B, for an order whose read model B
 *     projects, pushed when the order's event reaches A's event store: A's stream heartbeat (with its re-read) is
 *     set far beyond the wait, so it cannot be what delivers it;</li>
 * <li>B is killed ({@code kill -9}) while checkouts stream through both: A claims all of B's segments within 30 s
 *     and gives none back (B no longer counts as live by then), and every
 *     order still ends confirmed (or waiting for a payment whose client never learnt its order) exactly once; the
 *     takeover times are printed.</li>
 * </ol>
 * System properties: {@code cluster.checkouts} (default 60) and {@code cluster.kill-checkouts} (default 60) size the
 * runs; {@code cluster.balance-segments=false} keeps all segments on the first instance; {@code cluster.via-one=true}
 * sends every request of the second method to A; {@code cluster.instances=1} starts no B (the same load on a single
 * instance, for comparison; the two-instance methods are then skipped), and with it {@code cluster.enabled=false}
 * runs A as a lone instance is deployed (SKU cache on); {@code cluster.log} keeps B's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoEngineInstancesTest {

    private static final int CHECKOUTS = Integer.getInteger("cluster.checkouts", 60);
    private static final int KILL_CHECKOUTS = Integer.getInteger("cluster.kill-checkouts", 60);
    private static final boolean BALANCE = Boolean.parseBoolean(System.getProperty("cluster.balance-segments", "true"));
    private static final boolean VIA_ONE = Boolean.getBoolean("cluster.via-one");
    private static final boolean SINGLE = Integer.getInteger("cluster.instances", 2) == 1;
    private static final List<String> PROCESSORS = List.of(
            "checkout-saga",
            "customer-stats",
            "notifications",
            "order-detail",
            "order-metrics",
            "sku-stock",
            "webhooks");
    private static final int SEGMENTS = ProcessingGroups.SEGMENTS;
    private static final String SKU = "CLUSTER-MUG";
    private static final int STOCK = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static RunningEngine engineA;
    private static EngineJvm engineB;
    private static EngineClient a;
    private static EngineClient b;
    private static String adminA;
    private static String adminB;
    private static String storeUri;
    private static String database;
    private static final Set<String> earlierOrders = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger unpaidEarlier = new AtomicInteger();

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        int storePort = EngineJvm.freePort();
        properties.put("engine.store.embedded-port", String.valueOf(storePort));
        properties.put("engine.cluster.enabled", System.getProperty("cluster.enabled", "true"));
        properties.put("engine.privacy.master-key", ChildEngine.MASTER_KEY);
        // streams on A must learn of B's changes from the event store, not from the heartbeat's re-read
        properties.put("engine.orders.stream-heartbeat", "10m");
        // a checkout answered by A whose order B projects waits for B's stored token (well inside this bound)
        properties.put("engine.pipeline.read-your-writes", "10s");
        if (System.getProperty("cluster.balance-segments") != null) {
            properties.put("engine.cluster.balance-segments", String.valueOf(BALANCE));
        }
        database = (String) properties.get("engine.store.database");
        storeUri = TestStore.realMongo() ? System.getenv("MONGODB_URI") : "mongodb://127.0.0.1:" + storePort;
        engineA = RunningEngine.start(properties);
        a = engineA.client();
        adminA = a.token("cluster-admin", "ADMIN");
        assertThat(a.registerSku(adminA, SKU, 1250, STOCK).status()).isEqualTo(204);
        if (SINGLE) {
            return;
        }
        Path log = Path.of(
                System.getProperty("cluster.log", folder.resolve("engine-b.log").toString()));
        engineB = ChildEngine.start(storeUri, database, BALANCE, log);
        engineB.awaitReady(Duration.ofMinutes(3));
        b = engineB.client();
        adminB = b.token("cluster-admin", "ADMIN");
        await().atMost(Duration.ofSeconds(60)).until(() -> available(b) == STOCK);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            if (engineB != null) {
                engineB.close();
            }
        } finally {
            if (engineA != null) {
                engineA.close();
            }
        }
    }

    @Test
    @Order(1)
    void segmentsOfEveryProcessorAreSplitBetweenTheInstancesAndShownByEach() {
        assumeTrue(!SINGLE, "a single instance");
        assertThat(engineA.bean(Configuration.class).repository(Sku.class))
                .as("SKU aggregates are loaded from the store, never from a cache, when clustered")
                .isNotInstanceOf(CachingEventSourcingRepository.class);
        assertThat(engineA.bean(Configuration.class).repository(io.orderengine.command.order.Order.class))
                .as("orders are loaded from the store, never from a cache, when clustered")
                .isNotInstanceOf(CachingEventSourcingRepository.class);
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Segments heldByA = segments(a, adminA);
                    Segments heldByB = segments(b, adminB);
                    return PROCESSORS.stream().allMatch(name -> {
                        Set<Integer> onA = heldByA.held(name);
                        Set<Integer> onB = heldByB.held(name);
                        Set<Integer> both = new TreeSet<>(onA);
                        both.addAll(onB);
                        boolean disjoint = onA.size() + onB.size() == both.size();
                        return disjoint
                                && both.equals(allSegments())
                                && (!BALANCE || onA.size() == SEGMENTS / 2 && onB.size() == SEGMENTS / 2);
                    });
                });
        Segments heldByA = segments(a, adminA);
        Segments heldByB = segments(b, adminB);
        System.out.printf(
                "cluster: segments split %s after %.1f s; A (%s) holds %s; B (%s) holds %s%n",
                BALANCE ? (SEGMENTS / 2) + "/" + (SEGMENTS / 2) : "(balancing off)",
                (System.nanoTime() - started) / 1e9,
                heldByA.instance(),
                heldByA.held("checkout-saga"),
                heldByB.instance(),
                heldByB.held("checkout-saga"));
        assertThat(heldByA.instance()).isNotEqualTo(heldByB.instance());
        for (String name : PROCESSORS) {
            Map<String, Set<Integer>> expected = new HashMap<>();
            for (Segments held : List.of(heldByA, heldByB)) {
                if (!held.held(name).isEmpty()) {
                    expected.put(held.tokenOwner(), held.held(name));
                }
            }
            assertThat(heldByA.claims(name))
                    .as("token store claims of %s as A reports them", name)
                    .isEqualTo(expected);
            assertThat(heldByB.claims(name))
                    .as("token store claims of %s as B reports them", name)
                    .isEqualTo(expected);
        }
        JsonNode orderDetail = projection(a, adminA, "order-detail");
        assertThat(orderDetail.path("segments").size())
                .as("A's order-detail segments in its projection status")
                .isEqualTo(heldByA.held("order-detail").size());
    }

    @Test
    @Order(2)
    void checkoutsSpreadOverTwoInstancesEachCompleteExactlyOnce() throws Exception {
        EngineClient other = SINGLE || VIA_ONE ? a : b;
        long started = System.nanoTime();
        ExecutorService shoppers = Executors.newFixedThreadPool(4);
        List<Future<String>> placed = new ArrayList<>();
        try {
            for (int i = 0; i < CHECKOUTS; i++) {
                EngineClient taker = i % 2 == 0 ? a : other;
                EngineClient payer = i % 2 == 0 ? other : a;
                int index = i;
                placed.add(shoppers.submit(() -> shop(index, taker, payer)));
            }
            List<String> orderIds = new ArrayList<>();
            for (Future<String> order : placed) {
                orderIds.add(order.get(10, TimeUnit.MINUTES));
            }
            Map<String, Integer> statuses = new TreeMap<>();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        statuses.clear();
                        statuses.putAll(statuses(orderIds));
                        return statuses.equals(Map.of("CONFIRMED", CHECKOUTS));
                    });
            double seconds = (System.nanoTime() - started) / 1e9;
            earlierOrders.addAll(orderIds);
            System.out.printf(
                    "cluster: %d checkouts through %s in %.1f s (%.2f/s); orders %s%n",
                    CHECKOUTS,
                    SINGLE
                            ? "1 instance (no B, engine.cluster.enabled="
                                    + System.getProperty("cluster.enabled", "true") + ")"
                            : VIA_ONE ? "A only (B processes its segments)" : "A and B",
                    seconds,
                    CHECKOUTS / seconds,
                    statuses);
            verifyOnceEach(Set.copyOf(orderIds), Set.copyOf(orderIds), 0);
            assertThat(unseenWrites())
                    .as("checkouts A answered before the instance projecting the order had shown it")
                    .isZero();
            if (!SINGLE) {
                System.out.printf(
                        "cluster: checkout-saga segments after the run: A %s, B %s%n",
                        segments(a, adminA).held("checkout-saga"),
                        segments(b, adminB).held("checkout-saga"));
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(available(a))
                            .as("stock reserved once per order")
                            .isEqualTo(STOCK - CHECKOUTS));
        } finally {
            shoppers.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void aLiveOrderStreamOnOneInstanceSeesAPaymentMadeThroughTheOther() throws Exception {
        assumeTrue(!SINGLE, "a single instance");
        Set<Integer> projectedByB = segments(b, adminB).held("order-detail");
        assertThat(projectedByB).isNotEmpty();
        Reply checkout = null;
        for (int attempt = 0; attempt < 20 && checkout == null; attempt++) {
            Reply candidate = b.checkout(EngineClient.checkoutBody(SKU, 1, "stream" + attempt + "@example.com"), null);
            assertThat(candidate.status()).isEqualTo(201);
            earlierOrders.add(candidate.text("orderId"));
            if (projectedByB.contains(segmentOf(candidate.text("orderId")))) {
                checkout = candidate;
            } else {
                unpaidEarlier.incrementAndGet();
            }
        }
        assertThat(checkout).as("an order in a segment B projects").isNotNull();
        String orderId = checkout.text("orderId");
        String guestToken = checkout.text("guestToken");
        String paymentUrl = awaitPaymentUrl(b, orderId, guestToken);

        List<String> received = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engineA.port() + "/api/v1/orders/"
                        + orderId + "/stream?token=" + guestToken))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(90))
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            reader.submit(() -> response.body().forEach(received::add));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> statusesIn(received).contains("AWAITING_PAYMENT"));
            long paid = System.nanoTime();
            assertThat(b.post(paymentUrl, Map.of("outcome", "approve"), null).status())
                    .isEqualTo(200);
            // well inside A's heartbeat (10 min): only the event pushed through A's event store can bring it
            await().atMost(Duration.ofSeconds(60)).until(() -> received.contains("event:end"));
            System.out.printf(
                    "cluster: stream on A saw the payment made through B %.1f s later: %s%n",
                    (System.nanoTime() - paid) / 1e9, statusesIn(received));
            assertThat(statusesIn(received)).startsWith("AWAITING_PAYMENT").endsWith("CONFIRMED");
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void losingInstanceBHandsItsSegmentsToAAndEveryOrderStillEndsExactlyOnce() throws Exception {
        assumeTrue(!SINGLE && BALANCE, "needs two instances with segments balanced");
        assertThat(segments(b, adminB).held("checkout-saga"))
                .as("B runs sagas before it is killed")
                .isNotEmpty();
        String ownerB = segments(b, adminB).tokenOwner();
        Set<String> existing = Set.copyOf(ordersInStore());
        Failover failover = new Failover();
        Map<String, Long> paidAt = new ConcurrentHashMap<>();
        AtomicInteger unknownOutcome = new AtomicInteger();
        AtomicInteger placed = new AtomicInteger();
        ExecutorService shoppers = Executors.newFixedThreadPool(4);
        List<Future<String>> futures = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < KILL_CHECKOUTS; i++) {
                int index = i;
                futures.add(shoppers.submit(() -> shopDuringKill(index, failover, placed, paidAt, unknownOutcome)));
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> placed.get() >= KILL_CHECKOUTS / 3);

            Set<String> beforeKill = new HashSet<>(ordersInStore());
            beforeKill.removeAll(existing);
            failover.killed = true;
            long killedAt = System.nanoTime();
            engineB.kill();
            Set<String> paidBeforeKill = paidAt.entrySet().stream()
                    .filter(e -> e.getValue() < killedAt)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());

            // token claim timeout 10 s + claim scan every 5 s; 30 s leaves room for a slow machine. Once B no longer
            // counts as live, A must keep every segment it claims: giving one back would leave it to nobody.
            Map<String, Integer> mostHeld = new HashMap<>();
            List<String> givenBack = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        Segments held = segments(a, adminA);
                        for (String name : PROCESSORS) {
                            int now = held.held(name).size();
                            if (now < mostHeld.getOrDefault(name, 0)) {
                                givenBack.add(name + " " + mostHeld.get(name) + " -> " + now);
                            }
                            mostHeld.merge(name, now, Math::max);
                        }
                        return PROCESSORS.stream()
                                .allMatch(name -> held.held(name).equals(allSegments()));
                    });
            double segmentsTakenOver = (System.nanoTime() - killedAt) / 1e9;
            assertThat(givenBack).as("segments A gave back after B was killed").isEmpty();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> settled(beforeKill, paidBeforeKill));
            double inFlightProgressed = (System.nanoTime() - killedAt) / 1e9;

            List<String> orderIds = new ArrayList<>();
            for (Future<String> order : futures) {
                String orderId = order.get(5, TimeUnit.MINUTES);
                if (orderId != null) {
                    orderIds.add(orderId);
                }
            }
            Set<String> all = new HashSet<>(ordersInStore());
            all.removeAll(existing);
            Set<String> paid = Set.copyOf(paidAt.keySet());
            Map<String, Integer> statuses = new TreeMap<>();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        statuses.clear();
                        statuses.putAll(statuses(all));
                        return statuses.getOrDefault("CONFIRMED", 0) == paid.size()
                                && statuses.getOrDefault("AWAITING_PAYMENT", 0) == all.size() - paid.size();
                    });
            System.out.printf(
                    "cluster: kill -9 of B after %d of %d checkouts (%d orders in the store, %d paid before "
                            + "the kill); A held every segment of every processor %.1f s after the kill; every order "
                            + "placed before the kill in a final or waiting state (paid ones confirmed) %.1f s after; "
                            + "run took %.1f s; %d orders %s (%d checkouts whose client got no order id, their "
                            + "retry refused while B's idempotency key stays in flight)%n",
                    beforeKill.size(),
                    KILL_CHECKOUTS,
                    beforeKill.size(),
                    paidBeforeKill.size(),
                    segmentsTakenOver,
                    inFlightProgressed,
                    (System.nanoTime() - started) / 1e9,
                    all.size(),
                    statuses,
                    unknownOutcome.get());

            assertThat(segments(a, adminA).claims("checkout-saga"))
                    .as("token claims after the takeover")
                    .doesNotContainKey(ownerB)
                    .hasSize(1);
            assertThat(all).containsAll(orderIds);
            assertThat(all.size())
                    .as("orders: one per checkout the clients got, at most one per unknown outcome")
                    .isBetween(orderIds.size(), orderIds.size() + unknownOutcome.get());
            assertThat(orderIds.size() + unknownOutcome.get()).isEqualTo(KILL_CHECKOUTS);
            verifyOnceEach(all, paid, all.size() - paid.size() + unpaidEarlier.get());
            Set<String> everything = new HashSet<>(all);
            everything.addAll(earlierOrders);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(available(a))
                            .as("stock reserved once per order")
                            .isEqualTo(STOCK - everything.size()));
        } finally {
            shoppers.shutdownNow();
        }
    }

    /** Sends a request to B while it lives and to A once it was killed, as a load balancer with failover would. */
    private static final class Failover {
        volatile boolean killed;

        Reply call(boolean onB, Function<EngineClient, Reply> request) {
            if (onB && !killed) {
                try {
                    return request.apply(b);
                } catch (UncheckedIOException e) {
                    if (!killed) {
                        throw e;
                    }
                }
            }
            return request.apply(a);
        }
    }

    private static String shopDuringKill(
            int index,
            Failover failover,
            AtomicInteger placed,
            Map<String, Long> paidAt,
            AtomicInteger unknownOutcome) {
        boolean takeOnB = index % 2 == 1;
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = EngineClient.checkoutBody(SKU, 1, "kill" + index + "@example.com");
        Reply checkout = failover.call(
                takeOnB,
                client -> client.post(
                        "/api/v1/checkout",
                        body,
                        null,
                        Map.of("Idempotency-Key", key, "Idempotency-Client-Secret", "secret-" + key)));
        placed.incrementAndGet();
        if (checkout.status() == 409) {
            unknownOutcome.incrementAndGet();
            return null;
        }
        assertThat(checkout.status()).as("checkout %d", index).isEqualTo(201);
        String orderId = checkout.text("orderId");
        String guestToken = checkout.text("guestToken");
        String[] payment = new String[1];
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Reply view = failover.call(
                            !takeOnB, client -> client.get("/api/v1/orders/" + orderId + "?token=" + guestToken, null));
                    if (view.status() == 200 && "AWAITING_PAYMENT".equals(view.text("status"))) {
                        payment[0] = view.body()
                                .path("payment")
                                .path("action")
                                .path("url")
                                .asText();
                        return true;
                    }
                    return false;
                });
        Reply approved = failover.call(!takeOnB, client -> client.post(payment[0], Map.of("outcome", "approve"), null));
        assertThat(approved.status()).as("payment of order %d", index).isEqualTo(200);
        paidAt.put(orderId, System.nanoTime());
        return orderId;
    }

    /** Every order placed before the kill waits for its payment or is confirmed; those paid before it are confirmed. */
    private static boolean settled(Set<String> beforeKill, Set<String> paidBeforeKill) {
        for (String orderId : beforeKill) {
            String status = a.get("/api/v1/admin/orders/" + orderId, adminA).text("status");
            boolean done = paidBeforeKill.contains(orderId)
                    ? "CONFIRMED".equals(status)
                    : "AWAITING_PAYMENT".equals(status) || "CONFIRMED".equals(status);
            if (!done) {
                return false;
            }
        }
        return true;
    }

    private static String shop(int index, EngineClient taker, EngineClient payer) {
        Reply checkout = taker.checkout(EngineClient.checkoutBody(SKU, 1, "cluster" + index + "@example.com"), null);
        assertThat(checkout.status()).as("checkout %d", index).isEqualTo(201);
        String orderId = checkout.text("orderId");
        String paymentUrl = awaitPaymentUrl(payer, orderId, checkout.text("guestToken"));
        assertThat(payer.post(paymentUrl, Map.of("outcome", "approve"), null).status())
                .as("payment of order %d", index)
                .isEqualTo(200);
        return orderId;
    }

    /** Requests A answered before a read model had shown their write (its read-your-writes wait reached the bound). */
    private static double unseenWrites() {
        return engineA.bean(MeterRegistry.class).find(ConsistentCommands.UNSEEN_METER).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static String awaitPaymentUrl(EngineClient client, String orderId, String guestToken) {
        String[] payment = new String[1];
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Reply view = client.get("/api/v1/orders/" + orderId + "?token=" + guestToken, null);
                    if (view.status() == 200 && "AWAITING_PAYMENT".equals(view.text("status"))) {
                        payment[0] = view.body()
                                .path("payment")
                                .path("action")
                                .path("url")
                                .asText();
                        return true;
                    }
                    return false;
                });
        return payment[0];
    }

    private static Map<String, Integer> statuses(Iterable<String> orderIds) {
        Map<String, Integer> statuses = new TreeMap<>();
        for (String orderId : orderIds) {
            statuses.merge(
                    String.valueOf(
                            a.get("/api/v1/admin/orders/" + orderId, adminA).text("status")),
                    1,
                    Integer::sum);
        }
        return statuses;
    }

    /**
     * Nothing done twice: per order exactly one checkout saga, one capture when paid (none otherwise), at most one
     * email per template, each event type at most once in its stream; exactly one open (payment) deadline per order
     * of the store waiting for payment ({@code waitingInStore}), none left for paid ones.
     */
    private static void verifyOnceEach(Set<String> orderIds, Set<String> paid, long waitingInStore) {
        Map<String, Integer> captures = new HashMap<>();
        Map<String, Integer> sagas = new HashMap<>();
        Map<String, Integer> emails = new HashMap<>();
        Map<String, Integer> events = new HashMap<>();
        List<String> deadlines = new ArrayList<>();
        long openDeadlines;
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            MongoDatabase store = mongo.getDatabase(database);
            for (Document entry : store.getCollection("payment_ledger").find(Filters.eq("type", "CAPTURE"))) {
                captures.merge(entry.getString("orderId"), 1, Integer::sum);
            }
            for (Document saga : store.getCollection("sagas")
                    .find(Filters.eq("sagaType", "io.orderengine.saga.checkout.CheckoutSaga"))) {
                for (Document association : saga.getList("associations", Document.class)) {
                    if ("orderId".equals(association.getString("key"))) {
                        sagas.merge(association.getString("value"), 1, Integer::sum);
                    }
                }
            }
            for (Document email : store.getCollection("notification_log").find(Filters.in("orderId", orderIds))) {
                emails.merge(email.getString("orderId") + "/" + email.getString("template"), 1, Integer::sum);
            }
            for (Document event : store.getCollection("events")
                    .find(Filters.and(Filters.eq("type", "Order"), Filters.in("aggregateIdentifier", orderIds)))) {
                events.merge(
                        event.getString("aggregateIdentifier") + " " + event.getString("payloadType"), 1, Integer::sum);
            }
            for (Document deadline : store.getCollection("deadlines").find(Filters.exists("parkedError", false))) {
                deadlines.add(deadline.getString("name") + " at "
                        + deadline.getDate("triggerAt").toInstant() + " for " + deadline.getString("scope"));
            }
            openDeadlines = deadlines.size();
        }
        int captured =
                orderIds.stream().mapToInt(id -> captures.getOrDefault(id, 0)).sum();
        int sagaCount =
                orderIds.stream().mapToInt(id -> sagas.getOrDefault(id, 0)).sum();
        System.out.printf(
                "cluster: %d orders (%d paid): captures %d (most per order %d); checkout sagas %d (most per "
                        + "order %d); emails %d (most per order and template %d); most of one event type per order "
                        + "%d; open deadlines %d (orders waiting for payment in the store %d)%n",
                orderIds.size(),
                paid.size(),
                captured,
                max(captures),
                sagaCount,
                max(sagas),
                emails.size(),
                max(emails),
                max(events),
                openDeadlines,
                waitingInStore);
        for (String orderId : orderIds) {
            assertThat(captures.getOrDefault(orderId, 0))
                    .as("captures of %s", orderId)
                    .isEqualTo(paid.contains(orderId) ? 1 : 0);
            assertThat(sagas.getOrDefault(orderId, 0))
                    .as("checkout sagas of %s", orderId)
                    .isEqualTo(1);
        }
        assertThat(max(emails)).as("one email per order and template").isLessThanOrEqualTo(1);
        assertThat(events.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .toList())
                .as("event types recorded twice for one order")
                .isEmpty();
        assertThat(openDeadlines)
                .as("one payment deadline per order waiting for payment, none for paid ones: %s", deadlines)
                .isEqualTo(waitingInStore);
    }

    private static int max(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static List<String> ordersInStore() {
        List<String> ids = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            mongo.getDatabase(database)
                    .getCollection("events")
                    .distinct("aggregateIdentifier", Filters.eq("type", "Order"), String.class)
                    .into(ids);
        }
        return ids;
    }

    /** Which of the segments an order's events belong to (processors sequence by aggregate id). */
    private static int segmentOf(String orderId) {
        return Segment.splitBalanced(Segment.ROOT_SEGMENT, SEGMENTS - 1).stream()
                .filter(segment -> segment.matches(orderId))
                .findFirst()
                .orElseThrow()
                .getSegmentId();
    }

    private static List<String> statusesIn(List<String> lines) {
        List<String> statuses = new ArrayList<>();
        String event = null;
        for (String line : lines) {
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:") && "order".equals(event)) {
                try {
                    statuses.add(JSON.readTree(line.substring("data:".length()))
                            .path("status")
                            .asText());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return statuses;
    }

    /** The segments one instance reports in {@code GET /api/v1/admin/projections}. */
    private record Segments(
            String instance, Map<String, Set<Integer>> held, Map<String, Map<String, Set<Integer>>> claims) {

        Set<Integer> held(String processor) {
            return held.getOrDefault(processor, Set.of());
        }

        Map<String, Set<Integer>> claims(String processor) {
            return claims.getOrDefault(processor, Map.of());
        }

        /** The token store's owner name of this instance: its id before the slash. */
        String tokenOwner() {
            return instance.substring(0, instance.lastIndexOf('/'));
        }
    }

    private static Segments segments(EngineClient client, String admin) {
        JsonNode body = client.get("/api/v1/admin/projections", admin).body();
        Map<String, Set<Integer>> held = new HashMap<>();
        Map<String, Map<String, Set<Integer>>> claims = new HashMap<>();
        for (JsonNode processor : body.path("processors")) {
            String name = processor.path("name").asText();
            held.put(name, ints(processor.path("segments")));
            Map<String, Set<Integer>> owners = new HashMap<>();
            processor
                    .path("claims")
                    .fields()
                    .forEachRemaining(owner -> owners.put(owner.getKey(), ints(owner.getValue())));
            claims.put(name, owners);
        }
        return new Segments(body.path("instance").asText(), held, claims);
    }

    private static Set<Integer> ints(JsonNode array) {
        Set<Integer> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }

    private static Set<Integer> allSegments() {
        Set<Integer> all = new TreeSet<>();
        IntStream.range(0, SEGMENTS).forEach(all::add);
        return all;
    }

    private static JsonNode projection(EngineClient client, String admin, String name) {
        for (JsonNode item :
                client.get("/api/v1/admin/projections", admin).body().path("projections")) {
            if (name.equals(item.path("name").asText())) {
                return item;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private static int available(EngineClient client) {
        for (JsonNode item :
                client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (SKU.equals(item.path("sku").asText())) {
                return item.path("available").asInt();
            }
        }
        return -1;
    }
}
