package io.orderengine.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent buyers racing for scarce stock through the REST API: never oversold, nothing left half-reserved. */
class OversellRaceTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static String admin;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    record Placed(String id, String token) {}

    @Test
    void fiftyBuyersRaceForTenUnitsAndExactlyTenAreSold() throws Exception {
        assertThat(client.registerSku(admin, "RACE-ONE", 1000, 10).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> available("RACE-ONE") == 10);

        AtomicInteger lowestAvailable = new AtomicInteger(Integer.MAX_VALUE);
        AtomicBoolean racing = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (racing.get()) {
                JsonNode sku = stock("RACE-ONE");
                if (sku != null) {
                    lowestAvailable.accumulateAndGet(sku.path("available").asInt(), Math::min);
                }
            }
        });
        watcher.start();
        List<Placed> orders = buyConcurrently(50, i -> List.of(Map.of("sku", "RACE-ONE", "quantity", 1)));
        Map<String, Integer> outcome = settle(orders);
        racing.set(false);
        watcher.join();

        JsonNode sku = stock("RACE-ONE");
        System.out.printf(
                "oversell race: 50 buyers, 10 units -> %s; lowest available seen %d; on hand %d, reserved %d%n",
                outcome,
                lowestAvailable.get(),
                sku.path("onHand").asInt(),
                sku.path("reserved").asInt());
        assertThat(outcome.get("CONFIRMED")).isEqualTo(10);
        assertThat(outcome.get("REJECTED")).isEqualTo(40);
        assertThat(lowestAvailable.get()).isGreaterThanOrEqualTo(0);
        assertThat(sku.path("onHand").asInt()).isZero();
        assertThat(sku.path("reserved").asInt()).isZero();
        assertThat(sku.path("available").asInt()).isZero();
    }

    @Test
    void overlappingMultiLineOrdersNeverDeadlockOrLeavePartialReservations() throws Exception {
        assertThat(client.registerSku(admin, "RACE-X", 1000, 6).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, "RACE-Y", 1000, 6).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> available("RACE-X") == 6 && available("RACE-Y") == 6);

        List<Placed> orders = buyConcurrently(
                20,
                i -> i % 2 == 0
                        ? List.of(Map.of("sku", "RACE-X", "quantity", 1), Map.of("sku", "RACE-Y", "quantity", 2))
                        : List.of(Map.of("sku", "RACE-Y", "quantity", 1), Map.of("sku", "RACE-X", "quantity", 2)));
        Map<String, Integer> outcome = settle(orders);

        JsonNode x = stock("RACE-X");
        JsonNode y = stock("RACE-Y");
        System.out.printf(
                "overlapping multi-line orders: 20 orders of 3 units over X(6) and Y(6) -> %s; "
                        + "X on hand %d reserved %d, Y on hand %d reserved %d%n",
                outcome,
                x.path("onHand").asInt(),
                x.path("reserved").asInt(),
                y.path("onHand").asInt(),
                y.path("reserved").asInt());
        assertThat(outcome.get("CONFIRMED") + outcome.get("REJECTED")).isEqualTo(20);
        assertThat(outcome.get("CONFIRMED")).isBetween(2, 4);
        assertThat(x.path("reserved").asInt()).isZero();
        assertThat(y.path("reserved").asInt()).isZero();
        int sold = outcome.get("CONFIRMED") * 3;
        assertThat(x.path("onHand").asInt() + y.path("onHand").asInt()).isEqualTo(12 - sold);
        assertThat(x.path("onHand").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(y.path("onHand").asInt()).isGreaterThanOrEqualTo(0);
    }

    private static List<Placed> buyConcurrently(
            int buyers, java.util.function.IntFunction<List<Map<String, Object>>> items) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(buyers, 25));
        List<Callable<Placed>> calls = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            Map<String, Object> body =
                    new HashMap<>(EngineClient.checkoutBody("unused", 1, "buyer" + i + "@example.com"));
            body.put("items", items.apply(i));
            calls.add(() -> {
                Reply placed = client.post(
                        "/api/v1/checkout",
                        body,
                        null,
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                assertThat(placed.status()).isEqualTo(201);
                return new Placed(placed.text("orderId"), placed.text("guestToken"));
            });
        }
        List<Placed> placed = new ArrayList<>();
        for (Future<Placed> f : pool.invokeAll(calls)) {
            placed.add(f.get());
        }
        pool.shutdown();
        return placed;
    }

    /** Waits until every order has its stock decided, pays every one that got it, and counts the final statuses. */
    private static Map<String, Integer> settle(List<Placed> orders) {
        Map<String, Integer> counts = new HashMap<>(Map.of("CONFIRMED", 0, "REJECTED", 0));
        for (Placed order : orders) {
            String path = "/api/v1/orders/" + order.id() + "?token=" + order.token();
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                String status = client.get(path, null).text("status");
                return "AWAITING_PAYMENT".equals(status) || "REJECTED".equals(status);
            });
            JsonNode view = client.get(path, null).body();
            if ("AWAITING_PAYMENT".equals(view.path("status").asText())) {
                client.post(
                        view.path("payment").path("action").path("url").asText(), Map.of("outcome", "approve"), null);
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> "CONFIRMED".equals(client.get(path, null).text("status")));
            }
            counts.merge(client.get(path, null).text("status"), 1, Integer::sum);
        }
        return counts;
    }

    private static int available(String code) {
        JsonNode sku = stock(code);
        return sku == null ? -1 : sku.path("available").asInt();
    }

    private static JsonNode stock(String code) {
        for (JsonNode item :
                client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (code.equals(item.path("sku").asText())) {
                return item;
            }
        }
        return null;
    }
}
