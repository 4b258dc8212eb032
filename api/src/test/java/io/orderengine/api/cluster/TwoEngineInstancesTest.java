package io.orderengine.api.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.api.support.EngineClient;
import io.orderengine.api.support.EngineClient.Reply;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.api.support.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two engine JVMs on one store: this JVM runs engine A, which serves its embedded store on a fixed port; a child
 * JVM runs engine B on that store through its connection string (with {@code MONGODB_URI} set, both use that
 * MongoDB). Checkouts go round-robin through both, each paid through the instance that did not take it; the
 * instances' segments never overlap (with {@code -Dcluster.balance-segments=true} they must also be split). Every
 * order must end confirmed exactly once: one checkout saga, one capture, one confirmation email, no deadline left.
 * The number of checkouts is the system property {@code cluster.checkouts} (default 40; 200 for the full run);
 * {@code cluster.log} keeps engine B's log outside the temporary folder; {@code cluster.via-one=true} sends every
 * request to engine A (the same load through one instance, for comparison).
 */
class TwoEngineInstancesTest {

    private static final int CHECKOUTS = Integer.getInteger("cluster.checkouts", 40);
    private static final boolean BALANCE = Boolean.getBoolean("cluster.balance-segments");
    private static final boolean VIA_ONE = Boolean.getBoolean("cluster.via-one");
    private static final String SKU = "CLUSTER-MUG";
    private static final int STOCK = 10_000;

    @TempDir
    Path folder;

    @Test
    void checkoutsSpreadOverTwoInstancesEachCompleteExactlyOnce() throws Exception {
        Map<String, Object> properties = TestStore.fresh(folder);
        int storePort = freePort();
        properties.put("engine.store.embedded-port", String.valueOf(storePort));
        properties.put("engine.cluster.balance-segments", String.valueOf(BALANCE));
        String database = (String) properties.get("engine.store.database");
        String storeUri = TestStore.realMongo() ? System.getenv("MONGODB_URI") : "mongodb://127.0.0.1:" + storePort;
        Path log = Path.of(System.getProperty("cluster.log", folder.resolve("engine-b.log").toString()));
        try (RunningEngine engineA = RunningEngine.start(properties);
             ChildEngine engineB = ChildEngine.start(storeUri, database, BALANCE, log)) {
            engineB.awaitReady(Duration.ofMinutes(3));
            EngineClient a = engineA.client();
            EngineClient b = engineB.client();
            String admin = a.token("cluster-admin", "ADMIN");
            assertThat(a.registerSku(admin, SKU, 1250, STOCK).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(60)).until(() -> available(b) == STOCK);
            String adminB = b.token("cluster-admin", "ADMIN");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                int heldByA = segments(a, admin, "order-detail");
                int heldByB = segments(b, adminB, "order-detail");
                return heldByA + heldByB == 16 && (!BALANCE || heldByA > 0 && heldByB > 0);
            });

            long started = System.nanoTime();
            ExecutorService shoppers = Executors.newFixedThreadPool(4);
            List<Future<String>> placed = new ArrayList<>();
            try {
                for (int i = 0; i < CHECKOUTS; i++) {
                    EngineClient taker = i % 2 == 0 || VIA_ONE ? a : b;
                    EngineClient payer = i % 2 == 0 && !VIA_ONE ? b : a;
                    int index = i;
                    placed.add(shoppers.submit(() -> shop(index, taker, payer)));
                }
                List<String> orderIds = new ArrayList<>();
                for (Future<String> order : placed) {
                    orderIds.add(order.get(10, TimeUnit.MINUTES));
                }
                Map<String, Integer> statuses = new TreeMap<>();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    statuses.clear();
                    for (String orderId : orderIds) {
                        statuses.merge(a.get("/api/v1/admin/orders/" + orderId, admin).text("status"), 1, Integer::sum);
                    }
                    return statuses.equals(Map.of("CONFIRMED", CHECKOUTS));
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                verifyOnceEach(storeUri, database, orderIds, statuses, seconds);
                System.out.printf("cluster: order-detail segments held by A %d, by B %d; sku-stock A %d, B %d%n",
                        segments(a, admin, "order-detail"), segments(b, adminB, "order-detail"),
                        segments(a, admin, "sku-stock"), segments(b, adminB, "sku-stock"));
                assertThat(available(a)).isEqualTo(STOCK - CHECKOUTS);
            } finally {
                shoppers.shutdownNow();
            }
        }
    }

    private static String shop(int index, EngineClient taker, EngineClient payer) {
        Reply checkout = taker.checkout(EngineClient.checkoutBody(SKU, 1, "cluster" + index + "@example.com"), null);
        assertThat(checkout.status()).as("checkout %d", index).isEqualTo(201);
        String orderId = checkout.text("orderId");
        String guestToken = checkout.text("guestToken");
        String[] payment = new String[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Reply view = payer.get("/api/v1/orders/" + orderId + "?token=" + guestToken, null);
            if (view.status() == 200 && "AWAITING_PAYMENT".equals(view.text("status"))) {
                payment[0] = view.body().path("payment").path("action").path("url").asText();
                return true;
            }
            return false;
        });
        assertThat(payer.post(payment[0], Map.of("outcome", "approve"), null).status()).as("payment of order %d", index)
                .isEqualTo(200);
        return orderId;
    }

    private static void verifyOnceEach(String storeUri, String database, List<String> orderIds,
                                       Map<String, Integer> statuses, double seconds) {
        Map<String, Integer> captures = new HashMap<>();
        Map<String, Integer> sagas = new HashMap<>();
        Map<String, Integer> emails = new HashMap<>();
        long deadlinesLeft;
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            MongoDatabase store = mongo.getDatabase(database);
            for (Document entry : store.getCollection("payment_ledger").find(Filters.eq("type", "CAPTURE"))) {
                captures.merge(entry.getString("orderId"), 1, Integer::sum);
            }
            for (Document saga : store.getCollection("sagas").find(Filters.eq("sagaType",
                    "io.orderengine.saga.checkout.CheckoutSaga"))) {
                for (Document association : saga.getList("associations", Document.class)) {
                    if ("orderId".equals(association.getString("key"))) {
                        sagas.merge(association.getString("value"), 1, Integer::sum);
                    }
                }
            }
            for (Document email : store.getCollection("notification_log").find()) {
                emails.merge(email.getString("orderId") + "/" + email.getString("template"), 1, Integer::sum);
            }
            deadlinesLeft = store.getCollection("deadlines").countDocuments(Filters.exists("parkedError", false));
        }
        int mostCaptures = captures.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int mostSagas = sagas.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int mostEmails = emails.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        System.out.printf("cluster: %d checkouts over " + (VIA_ONE ? 1 : 2) + " instance(s) in %.1f s (%.2f/s); orders %s; captures %d "
                        + "(most per order %d); checkout sagas %d (most per order %d); emails %d (most per order and "
                        + "template %d); open deadlines %d%n", orderIds.size(), seconds, orderIds.size() / seconds,
                statuses, captures.values().stream().mapToInt(Integer::intValue).sum(), mostCaptures,
                sagas.values().stream().mapToInt(Integer::intValue).sum(), mostSagas, emails.size(), mostEmails,
                deadlinesLeft);
        for (String orderId : orderIds) {
            assertThat(captures.getOrDefault(orderId, 0)).as("captures of %s", orderId).isEqualTo(1);
            assertThat(sagas.getOrDefault(orderId, 0)).as("checkout sagas of %s", orderId).isLessThanOrEqualTo(1);
        }
        assertThat(mostEmails).as("one email per order and template").isLessThanOrEqualTo(1);
    }

    private static int segments(EngineClient client, String admin, String projection) {
        for (JsonNode item : client.get("/api/v1/admin/projections", admin).body().path("projections")) {
            if (projection.equals(item.path("name").asText())) {
                return item.path("segments").size();
            }
        }
        return 0;
    }

    private static int available(EngineClient client) {
        for (JsonNode item : client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (SKU.equals(item.path("sku").asText())) {
                return item.path("available").asInt();
            }
        }
        return -1;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
