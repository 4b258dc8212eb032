package io.orderengine.api.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine is killed with SIGKILL at seeded random moments while customers check out, pay, decline and cancel,
 * and restarted on the same embedded store each time. Afterwards: every order answered 201 is there with its number,
 * every order is where its customer's actions lead (paid → CONFIRMED, declined or cancelled → CANCELLED, left
 * unpaid → AWAITING_PAYMENT), no payment is captured twice (ledger and gateway), stock is held only for the orders
 * still waiting for payment and taken only for the paid ones, and a checkout saga is left only for orders that are
 * legitimately waiting (unpaid, or paid and waiting for shipment). Customers whose request got no answer because of
 * a kill do what a customer does: send it again once the shop is back (the same Idempotency-Key for a checkout).
 *
 * <p>{@code -Dcrash.seed} repeats a run; {@code -Dcrash.checkouts} (100) and {@code -Dcrash.kills} (3) size it. It runs
 * in CI, about 90 s here.
 */
class CheckoutCrashTest {

    private static final long SEED = Long.getLong("crash.seed", new Random().nextLong());
    private static final int CHECKOUTS = Integer.getInteger("crash.checkouts", 100);
    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    /** The steps a kill is aimed at: it lands while at least one customer is at that step, if one gets there soon. */
    private static final List<String> STEPS =
            List.of("checkout", "waiting for the payment page", "paying", "declining", "cancelling");

    private static final int WORKERS = 4;
    private static final int INITIAL_STOCK = 1000;
    private static final List<String> SKUS = List.of("CRASH-A", "CRASH-B");
    private static final Duration BOOT = Duration.ofMinutes(3);

    @TempDir
    static Path folder;

    private static final Object restarts = new Object();
    private static volatile Running current;
    private static final List<EngineProcess> started = new ArrayList<>();

    /** The engine process now serving, the how-manieth start it is, and an admin token it issued. */
    record Running(int generation, EngineProcess process, EngineClient client, String admin) {}

    enum Plan {
        APPROVE,
        DECLINE,
        CANCEL,
        ABANDON
    }

    /** One customer's checkout and what became of it. */
    static final class Checkout {
        final int index;
        final String key = UUID.randomUUID().toString();
        final String orderId;
        final Plan plan;
        final Map<String, Integer> quantities;
        volatile String orderNumber;
        volatile String guestToken;
        volatile boolean answered;
        volatile boolean inDoubt;
        volatile String status;

        Checkout(int index, Plan plan, Map<String, Integer> quantities) {
            this.index = index;
            this.plan = plan;
            this.quantities = quantities;
            this.orderId = UUID.nameUUIDFromBytes(("checkout\nguest\n" + key).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
    }

    record Kill(
            int number,
            String aim,
            int answeredBefore,
            long delayMillis,
            Map<String, Integer> inFlight,
            long restartSeconds) {}

    @AfterAll
    static void stopEngines() {
        started.forEach(EngineProcess::close);
    }

    @Test
    void killedAtRandomMomentsTheEngineLosesNoOrderCapturesNothingTwiceAndLeavesNoStockOrSagaBehind() throws Exception {
        Random random = new Random(SEED);
        Path store = folder.resolve("crash.mv");
        Path log = folder.resolve("engine.log");
        EngineProcess.touch(log);
        System.out.printf("crash: seed %d, %d checkouts, %d kills%n", SEED, CHECKOUTS, KILLS);
        boot(1, store, log);
        Running first = current;
        for (String sku : SKUS) {
            assertThat(first.client()
                            .registerSku(first.admin(), sku, 1000 + SKUS.indexOf(sku) * 250, INITIAL_STOCK)
                            .status())
                    .isEqualTo(204);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SKUS.stream()
                        .allMatch(sku ->
                                stock(first.client(), sku).path("available").asInt() == INITIAL_STOCK));

        List<Checkout> checkouts = new ArrayList<>();
        for (int i = 0; i < CHECKOUTS; i++) {
            Plan plan = plan(random.nextInt(100));
            Map<String, Integer> quantities = new TreeMap<>();
            quantities.put(SKUS.get(random.nextInt(SKUS.size())), 1 + random.nextInt(3));
            if (random.nextInt(3) == 0) {
                quantities.merge(SKUS.get(random.nextInt(SKUS.size())), 1, Integer::sum);
            }
            checkouts.add(new Checkout(i, plan, quantities));
        }
        List<int[]> killPoints = new ArrayList<>();
        for (int k = 1; k <= KILLS; k++) {
            int at = k * CHECKOUTS / (KILLS + 1) + random.nextInt(Math.max(1, CHECKOUTS / (2 * (KILLS + 1))));
            killPoints.add(new int[] {Math.min(at, CHECKOUTS - 1), random.nextInt(1000), random.nextInt(STEPS.size())});
        }

        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger resent = new AtomicInteger();
        AtomicReferenceArray<String> phases = new AtomicReferenceArray<>(WORKERS);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            running.add(workers.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < CHECKOUTS) {
                    shop(checkouts.get(i), worker, phases, answered, resent);
                }
                phases.set(worker, "done");
                return null;
            }));
        }
        workers.shutdown();

        List<Kill> kills = new ArrayList<>();
        for (int[] point : killPoints) {
            await().atMost(Duration.ofMinutes(10)).until(() -> answered.get() >= point[0] || workers.isTerminated());
            await().pollDelay(Duration.ofMillis(point[1]))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            String aim = STEPS.get(point[2]);
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            await().atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> atStep(phases, aim) || workers.isTerminated() || System.nanoTime() > giveUpAt);
            Map<String, Integer> inFlight = new TreeMap<>();
            for (int w = 0; w < WORKERS; w++) {
                inFlight.merge(phases.get(w) == null ? "starting" : phases.get(w), 1, Integer::sum);
            }
            int answeredBefore = answered.get();
            Running victim = current;
            current = null;
            victim.process().kill();
            long restart = System.nanoTime();
            boot(victim.generation() + 1, store, log);
            kills.add(new Kill(
                    kills.size() + 1,
                    aim,
                    answeredBefore,
                    point[1],
                    inFlight,
                    Duration.ofNanos(System.nanoTime() - restart).toSeconds()));
        }
        try {
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            kills.forEach(kill -> System.out.printf(
                    "crash:   kill %d aimed at '%s' after %d answered; customers were at %s%n",
                    kill.number(), kill.aim(), kill.answeredBefore(), kill.inFlight()));
            printEngineErrors(log);
            throw e;
        }

        Running last = current;
        EngineClient client = last.client();
        int placedInDoubt = 0;
        int neverPlaced = 0;
        for (Checkout checkout : checkouts) {
            if (checkout.inDoubt) {
                if (client.get("/api/v1/admin/orders/" + checkout.orderId, last.admin())
                                .status()
                        == 200) {
                    placedInDoubt++;
                } else {
                    neverPlaced++;
                }
            }
        }
        List<Checkout> orders = new ArrayList<>();
        for (Checkout checkout : checkouts) {
            if (checkout.answered
                    || (checkout.inDoubt
                            && client.get("/api/v1/admin/orders/" + checkout.orderId, last.admin())
                                            .status()
                                    == 200)) {
                orders.add(checkout);
            }
        }

        Map<String, String> unexpected = new TreeMap<>();
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        unexpected.clear();
                        for (Checkout order : orders) {
                            Reply view = client.get("/api/v1/admin/orders/" + order.orderId, last.admin());
                            order.status =
                                    view.status() == 200 ? view.text("status") : "MISSING(" + view.status() + ")";
                            if (!order.status.equals(expected(order))) {
                                unexpected.put(order.index + ":" + order.plan, order.status);
                            }
                        }
                        return unexpected.isEmpty();
                    });
        } finally {
            Map<String, Integer> statuses = new TreeMap<>();
            orders.forEach(order -> statuses.merge(order.status, 1, Integer::sum));
            System.out.printf(
                    "crash: seed %d (-Dcrash.seed=%d to repeat), %d checkouts by %d customers at once, %d kills "
                            + "(SIGKILL), %d starts in all%n",
                    SEED, SEED, CHECKOUTS, WORKERS, kills.size(), started.size());
            kills.forEach(kill -> System.out.printf(
                    "crash:   kill %d aimed at '%s', after %d checkouts answered 201 "
                            + "(+%d ms); customers were at: %s; back up (ready) after %d s%n",
                    kill.number(),
                    kill.aim(),
                    kill.answeredBefore(),
                    kill.delayMillis(),
                    kill.inFlight(),
                    kill.restartSeconds()));
            System.out.printf(
                    "crash: %d answered 201, %d unanswered checkouts (placed %d, never placed %d), %d requests "
                            + "sent again after a kill; final statuses %s; not where expected %s%n",
                    answered.get(),
                    placedInDoubt + neverPlaced,
                    placedInDoubt,
                    neverPlaced,
                    resent.get(),
                    statuses,
                    unexpected);
        }

        Set<String> numbers = new HashSet<>();
        for (Checkout order : orders) {
            JsonNode view = client.get("/api/v1/admin/orders/" + order.orderId, last.admin())
                    .body();
            if (order.answered) {
                assertThat(view.path("orderNumber").asText())
                        .as("order %d", order.index)
                        .isEqualTo(order.orderNumber);
            }
            assertThat(numbers.add(view.path("orderNumber").asText()))
                    .as("unique order number")
                    .isTrue();
        }

        Map<String, Integer> reservedExpected = new TreeMap<>();
        Map<String, Integer> soldExpected = new TreeMap<>();
        for (Checkout order : orders) {
            Map<String, Integer> target = switch (order.status) {
                case "AWAITING_PAYMENT" -> reservedExpected;
                case "CONFIRMED" -> soldExpected;
                default -> null;
            };
            if (target != null) {
                order.quantities.forEach((sku, quantity) -> target.merge(sku, quantity, Integer::sum));
            }
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SKUS.stream().allMatch(sku -> {
                    JsonNode item = stock(client, sku);
                    return item.path("reserved").asInt() == reservedExpected.getOrDefault(sku, 0)
                            && item.path("onHand").asInt() == INITIAL_STOCK - soldExpected.getOrDefault(sku, 0);
                }));

        Map<String, Integer> capturesPerOrder = new HashMap<>();
        Map<String, Integer> ledger = new TreeMap<>();
        Map<String, Integer> gateway = new TreeMap<>();
        Map<String, Integer> sagasPerOrder = new HashMap<>();
        try (MongoClient mongo = MongoClients.create(last.process().storeUri())) {
            MongoDatabase database = mongo.getDatabase("crash");
            for (Document entry : database.getCollection("payment_ledger").find()) {
                ledger.merge(entry.getString("type"), 1, Integer::sum);
                if ("CAPTURE".equals(entry.getString("type"))) {
                    capturesPerOrder.merge(entry.getString("orderId"), 1, Integer::sum);
                }
            }
            for (Document payment : database.getCollection("sandbox_payments").find()) {
                gateway.merge(payment.getString("status"), 1, Integer::sum);
            }
            for (Document saga : database.getCollection("sagas")
                    .find(Filters.eq("sagaType", "io.orderengine.saga.checkout.CheckoutSaga"))) {
                for (Document association : saga.getList("associations", Document.class)) {
                    if ("orderId".equals(association.getString("key"))) {
                        sagasPerOrder.merge(association.getString("value"), 1, Integer::sum);
                    }
                }
            }
        }
        long confirmed =
                orders.stream().filter(o -> "CONFIRMED".equals(o.status)).count();
        long waiting =
                orders.stream().filter(o -> "AWAITING_PAYMENT".equals(o.status)).count();
        JsonNode console = client.get("/api/v1/admin/sagas?state=all&size=500", last.admin())
                .body();
        Map<String, Integer> stages = new TreeMap<>();
        console.path("items").forEach(item -> stages.merge(item.path("stage").asText(), 1, Integer::sum));
        System.out.printf(
                "crash: ledger %s, most captures of one order %d; sandbox gateway %s; sagas left %d %s "
                        + "(stuck %d); stock reserved %s sold %s%n",
                ledger,
                capturesPerOrder.values().stream()
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElse(0),
                gateway,
                sagasPerOrder.size(),
                stages,
                client.get("/api/v1/admin/sagas?state=stuck", last.admin())
                        .body()
                        .path("total")
                        .asInt(),
                reservedExpected,
                soldExpected);

        for (Checkout order : orders) {
            int captures = capturesPerOrder.getOrDefault(order.orderId, 0);
            int sagas = sagasPerOrder.getOrDefault(order.orderId, 0);
            assertThat(captures)
                    .as("captures of order %d (%s)", order.index, order.status)
                    .isEqualTo("CONFIRMED".equals(order.status) ? 1 : 0);
            assertThat(sagas)
                    .as("sagas of order %d (%s)", order.index, order.status)
                    .isEqualTo("CONFIRMED".equals(order.status) || "AWAITING_PAYMENT".equals(order.status) ? 1 : 0);
        }
        assertThat(ledger.getOrDefault("REFUND", 0)).isZero();
        assertThat(gateway.getOrDefault("CAPTURED", 0)).isEqualTo((int) confirmed);
        assertThat(stages)
                .isEqualTo(
                        waiting == 0
                                ? Map.of("CONFIRMED", (int) confirmed)
                                : confirmed == 0
                                        ? Map.of("AWAITING_PAYMENT", (int) waiting)
                                        : Map.of("CONFIRMED", (int) confirmed, "AWAITING_PAYMENT", (int) waiting));
        assertThat(kills).hasSize(KILLS);
    }

    /** The engines' ERROR and WARN lines (all starts share one log), for a run that failed. */
    private static void printEngineErrors(Path log) {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            lines.filter(line -> line.contains(" ERROR ")
                            || line.contains(" WARN ")
                            || line.startsWith("\t")
                            || line.contains("Exception"))
                    .limit(300)
                    .forEach(line -> System.out.println(
                            "crash: engine log: " + (line.length() > 400 ? line.substring(0, 400) : line)));
        } catch (java.io.IOException e) {
            System.out.println("crash: engine log unreadable: " + e);
        }
    }

    private static boolean atStep(AtomicReferenceArray<String> phases, String step) {
        for (int w = 0; w < phases.length(); w++) {
            if (step.equals(phases.get(w))) {
                return true;
            }
        }
        return false;
    }

    private static Plan plan(int roll) {
        if (roll < 55) {
            return Plan.APPROVE;
        }
        if (roll < 70) {
            return Plan.DECLINE;
        }
        return roll < 85 ? Plan.CANCEL : Plan.ABANDON;
    }

    private static String expected(Checkout checkout) {
        if (checkout.inDoubt && !checkout.answered) {
            return "AWAITING_PAYMENT";
        }
        return switch (checkout.plan) {
            case APPROVE -> "CONFIRMED";
            case DECLINE, CANCEL -> "CANCELLED";
            case ABANDON -> "AWAITING_PAYMENT";
        };
    }

    /** One customer: checks out, waits for the payment page, then pays, declines, cancels or walks away. */
    private static void shop(
            Checkout checkout,
            int worker,
            AtomicReferenceArray<String> phases,
            AtomicInteger answered,
            AtomicInteger resent) {
        phases.set(worker, "checkout");
        Map<String, Object> body = EngineClient.checkoutBody("unused", 1, "crash" + checkout.index + "@example.com");
        List<Map<String, Object>> items = new ArrayList<>();
        checkout.quantities.forEach((sku, quantity) -> items.add(Map.of("sku", sku, "quantity", quantity)));
        body.put("items", items);
        Reply placed = call(
                resent,
                client -> client.post(
                        "/api/v1/checkout",
                        body,
                        null,
                        Map.of(
                                "Idempotency-Key",
                                checkout.key,
                                "Idempotency-Client-Secret",
                                "secret-" + checkout.key)));
        if (placed.status() == 409) {
            // the killed engine still holds this key as in flight; it is released two minutes later
            checkout.inDoubt = true;
            phases.set(worker, "idle");
            return;
        }
        assertThat(placed.status()).as("checkout %d", checkout.index).isEqualTo(201);
        assertThat(placed.text("orderId")).isEqualTo(checkout.orderId);
        checkout.orderNumber = placed.text("orderNumber");
        checkout.guestToken = placed.text("guestToken");
        checkout.answered = true;
        answered.incrementAndGet();

        phases.set(worker, "waiting for the payment page");
        String[] actionUrl = new String[1];
        Reply[] last = new Reply[1];
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        Reply view = call(
                                resent,
                                client -> client.get(
                                        "/api/v1/orders/" + checkout.orderId + "?token=" + checkout.guestToken, null));
                        last[0] = view;
                        if (view.status() == 200 && "AWAITING_PAYMENT".equals(view.text("status"))) {
                            actionUrl[0] = view.body()
                                    .path("payment")
                                    .path("action")
                                    .path("url")
                                    .asText();
                            return true;
                        }
                        return false;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Running engine = current;
            Reply saga = engine == null
                    ? null
                    : engine.client().get("/api/v1/admin/sagas/" + checkout.orderId, engine.admin());
            throw new AssertionError(
                    "order " + checkout.index + " (" + checkout.orderId + ", placed as "
                            + checkout.orderNumber + ") never reached AWAITING_PAYMENT; the customer's last view: "
                            + (last[0] == null ? "none" : last[0].status() + " " + last[0].body()) + "; its checkout: "
                            + (saga == null ? "unknown" : saga.status() + " " + saga.body()),
                    e);
        }
        switch (checkout.plan) {
            case APPROVE, DECLINE -> {
                phases.set(worker, checkout.plan == Plan.APPROVE ? "paying" : "declining");
                Map<String, String> decision = Map.of("outcome", checkout.plan == Plan.APPROVE ? "approve" : "decline");
                Reply decided = call(resent, client -> client.post(actionUrl[0], decision, null));
                while (decided.status() == 503) {
                    decided = call(resent, client -> client.post(actionUrl[0], decision, null));
                }
                assertThat(decided.status())
                        .as("decision on order %d", checkout.index)
                        .isEqualTo(200);
            }
            case CANCEL -> {
                phases.set(worker, "cancelling");
                AtomicInteger resentCancel = new AtomicInteger();
                Reply cancelled = call(
                        resentCancel,
                        client -> client.post(
                                "/api/v1/orders/" + checkout.orderId + "/cancel?token=" + checkout.guestToken,
                                Map.of("reason", "changed my mind"),
                                null));
                resent.addAndGet(resentCancel.get());
                if (resentCancel.get() > 0 && cancelled.status() == 409) {
                    // sent again after a kill that came once the first cancel was recorded: the order is cancelled
                    await().atMost(Duration.ofSeconds(60))
                            .untilAsserted(() -> assertThat(call(
                                                    resent,
                                                    client -> client.get(
                                                            "/api/v1/orders/" + checkout.orderId + "?token="
                                                                    + checkout.guestToken,
                                                            null))
                                            .text("status"))
                                    .as("order %d, its cancel resent after a kill", checkout.index)
                                    .isEqualTo("CANCELLED"));
                } else {
                    assertThat(cancelled.status())
                            .as("cancel of order %d", checkout.index)
                            .isEqualTo(202);
                }
            }
            case ABANDON -> {}
        }
        phases.set(worker, "idle");
    }

    /**
     * Sends a request to the engine now serving; when it gets no answer because the engine was killed, waits for the
     * next start and sends it again, as the customer would.
     */
    private static Reply call(AtomicInteger resent, Function<EngineClient, Reply> request) {
        while (true) {
            Running engine = current;
            if (engine == null) {
                engine = awaitStartAfter(0);
            }
            try {
                return request.apply(engine.client());
            } catch (UncheckedIOException e) {
                if (current == engine && engine.process().isAlive()) {
                    throw e;
                }
                resent.incrementAndGet();
                awaitStartAfter(engine.generation());
            }
        }
    }

    private static Running awaitStartAfter(int generation) {
        synchronized (restarts) {
            long deadline = System.nanoTime() + BOOT.multipliedBy(2).toNanos();
            while (current == null || current.generation() <= generation) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the engine did not come back");
                }
                try {
                    restarts.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return current;
        }
    }

    private static void boot(int generation, Path store, Path log) {
        EngineProcess process = EngineProcess.start(store, log);
        started.add(process);
        process.awaitReady(BOOT);
        EngineClient client = process.client();
        String admin = client.token("crash-admin", "ADMIN");
        synchronized (restarts) {
            current = new Running(generation, process, client, admin);
            restarts.notifyAll();
        }
    }

    private static JsonNode stock(EngineClient client, String code) {
        for (JsonNode item :
                client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (code.equals(item.path("sku").asText())) {
                return item;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
