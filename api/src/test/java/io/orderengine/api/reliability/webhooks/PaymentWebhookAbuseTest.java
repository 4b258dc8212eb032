package io.orderengine.api.reliability.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.sun.net.httpserver.HttpServer;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import io.orderengine.testkit.gateways.StripeSignatures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payment notifications that arrive forged, replayed or twice. A Stripe webhook with a forged signature, an old
 * timestamp, a changed body or a malformed header is refused with 400 before anything is recorded or Stripe is
 * called (Stripe's API is a local counter here). Every sandbox decision of a run of checkouts delivered twice, in
 * shuffled order and partly at the same moment, takes each payment once: one capture per approved order in the
 * ledger and at the gateway, each decision processed once by the inbox, every order in the right final state.
 */
class PaymentWebhookAbuseTest {

    private static final String WEBHOOK_SECRET =
            "whsec_reliability_" + UUID.randomUUID().toString().replace("-", "");
    private static final long SEED = Long.getLong("webhooks.seed", new Random().nextLong());
    private static final int ORDERS = Integer.getInteger("webhooks.orders", 100);

    @TempDir
    static Path folder;

    static HttpServer stripeApi;
    static final AtomicInteger stripeCalls = new AtomicInteger();
    static RunningEngine engine;
    static EngineClient client;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        stripeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stripeApi.createContext("/", exchange -> {
            stripeCalls.incrementAndGet();
            byte[] body = "{\"error\":{\"type\":\"api_error\",\"message\":\"not expected in this test\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stripeApi.start();
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.payments.stripe.secret-key", "sk_test_reliability");
        properties.put("engine.payments.stripe.webhook-secret", WEBHOOK_SECRET);
        properties.put(
                "engine.payments.stripe.api-base",
                "http://127.0.0.1:" + stripeApi.getAddress().getPort());
        properties.put("engine.payments.sandbox.enabled", "true");
        // one payment attempt: a declined order is cancelled, which this test counts
        properties.put("engine.payments.max-attempts", "1");
        engine = RunningEngine.start(properties);
        client = engine.client();
        admin = client.token("payments-admin", "ADMIN");
    }

    @AfterAll
    static void stop() {
        engine.close();
        stripeApi.stop(0);
    }

    @Test
    void forgedReplayedAndTamperedStripeWebhooksAreRefusedWith400AndNothingIsCalledOrRecorded() throws Exception {
        String payload =
                stripeEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), "payment_intent.succeeded");
        long now = Instant.now().getEpochSecond();
        int callsBefore = stripeCalls.get();
        long inboxBefore = inbox().countDocuments();

        Map<String, Reply> refused = new LinkedHashMap<>();
        refused.put("signed with another secret", deliver(payload, header(payload, "whsec_forged", now)));
        refused.put("replayed 10 minutes later", deliver(payload, header(payload, WEBHOOK_SECRET, now - 600)));
        refused.put("replayed 301 s later", deliver(payload, header(payload, WEBHOOK_SECRET, now - 301)));
        refused.put(
                "body changed after signing",
                deliver(payload.replace("\"amount\":1500", "\"amount\":1"), header(payload, WEBHOOK_SECRET, now)));
        refused.put(
                "timestamp changed after signing",
                deliver(payload, "t=" + (now + 1) + ",v1=" + hmac(WEBHOOK_SECRET, now + "." + payload)));
        refused.put(
                "only a v0 signature",
                deliver(payload, "t=" + now + ",v0=" + hmac(WEBHOOK_SECRET, now + "." + payload)));
        refused.put(
                "timestamp not a number", deliver(payload, "t=abc,v1=" + hmac(WEBHOOK_SECRET, now + "." + payload)));
        refused.put("no signature header", deliver(payload, null));
        refused.put("empty signature header", deliver(payload, ""));
        refused.put(
                "not JSON, signed with another secret", deliver("{not json", header("{not json", "whsec_forged", now)));

        String ignoredType = stripeEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), "customer.created");
        Reply genuine = deliver(ignoredType, header(ignoredType, WEBHOOK_SECRET, now));

        Map<String, Integer> statuses = new LinkedHashMap<>();
        refused.forEach((name, reply) -> statuses.put(name, reply.status()));
        System.out.printf(
                "stripe webhook abuse: %s; genuine control %d %s; Stripe API calls %d; inbox entries %d -> %d%n",
                statuses,
                genuine.status(),
                genuine.text("result"),
                stripeCalls.get() - callsBefore,
                inboxBefore,
                inbox().countDocuments());
        refused.forEach((name, reply) -> {
            assertThat(reply.status()).as(name).isEqualTo(400);
            assertThat(reply.text("type")).as(name).isEqualTo("urn:order-engine:problem:invalid-signature");
        });
        assertThat(genuine.status()).isEqualTo(200);
        assertThat(genuine.text("result")).isEqualTo("ignored");
        assertThat(stripeCalls.get()).isEqualTo(callsBefore);
        assertThat(inbox().countDocuments()).isEqualTo(inboxBefore);
    }

    record Placed(String id, String actionUrl, boolean approve) {}

    @Test
    void everySandboxDecisionDeliveredTwiceShuffledAndAtOnceTakesEachPaymentOnce() throws Exception {
        Random random = new Random(SEED);
        assertThat(client.registerSku(admin, "DUP-A", 1500, ORDERS * 2).status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stock("DUP-A").path("available").asInt() == ORDERS * 2);

        List<String> ids = placeConcurrently();
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> client.get("/api/v1/admin/orders?status=AWAITING_PAYMENT&size=500", admin)
                                .body()
                                .path("total")
                                .asInt()
                        == ORDERS);
        List<Placed> orders = new ArrayList<>();
        for (String id : ids) {
            String url = client.get("/api/v1/admin/orders/" + id, admin)
                    .body()
                    .path("payment")
                    .path("action")
                    .path("url")
                    .asText();
            orders.add(new Placed(id, url, random.nextInt(100) < 70));
        }

        List<Placed> deliveries = new ArrayList<>();
        orders.forEach(order -> {
            deliveries.add(order);
            deliveries.add(order);
        });
        Collections.shuffle(deliveries, random);
        List<Placed> atOnce = orders.subList(0, ORDERS / 5);
        deliveries.removeIf(atOnce::contains);
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicInteger redelivered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Void>> calls = new ArrayList<>();
        for (Placed order : atOnce) {
            CountDownLatch together = new CountDownLatch(2);
            for (int copy = 0; copy < 2; copy++) {
                calls.add(() -> {
                    together.countDown();
                    together.await();
                    decide(order, answers, redelivered);
                    return null;
                });
            }
        }
        for (Placed order : deliveries) {
            calls.add(() -> {
                decide(order, answers, redelivered);
                return null;
            });
        }
        for (Future<Void> call : pool.invokeAll(calls)) {
            call.get();
        }
        pool.shutdown();

        long approved = orders.stream().filter(Placed::approve).count();
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> total("CONFIRMED") == approved && total("CANCELLED") == ORDERS - approved);
        Map<String, Integer> captures = new HashMap<>();
        Map<String, Integer> ledgerTypes = new TreeMap<>();
        for (Document entry :
                engine.bean(MongoDatabase.class).getCollection("payment_ledger").find()) {
            ledgerTypes.merge(entry.getString("type"), 1, Integer::sum);
            if ("CAPTURE".equals(entry.getString("type"))) {
                captures.merge(entry.getString("orderId"), 1, Integer::sum);
            }
        }
        Map<String, Integer> gateway = new TreeMap<>();
        for (Document payment : engine.bean(MongoDatabase.class)
                .getCollection("sandbox_payments")
                .find()) {
            gateway.merge(payment.getString("status"), 1, Integer::sum);
        }
        List<Document> inboxEntries =
                inbox().find(Filters.eq("provider", "sandbox")).into(new ArrayList<>());
        int attempts =
                inboxEntries.stream().mapToInt(e -> e.getInteger("attempts", 0)).sum();
        int confirmedTransitions = 0;
        for (Placed order : orders) {
            JsonNode view =
                    client.get("/api/v1/admin/orders/" + order.id(), admin).body();
            assertThat(view.path("status").asText())
                    .as(order.id())
                    .isEqualTo(order.approve() ? "CONFIRMED" : "CANCELLED");
            for (JsonNode change : view.path("statusHistory")) {
                if ("CONFIRMED".equals(change.path("to").asText())) {
                    confirmedTransitions++;
                }
            }
            if (order.approve()) {
                assertThat(view.path("payment").path("capturedMinor").asLong())
                        .isEqualTo(view.path("totals").path("totalMinor").asLong());
            }
        }
        JsonNode sku = stock("DUP-A");
        int maxCapturesPerOrder =
                captures.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        System.out.printf(
                "sandbox duplicates: seed %d (-Dwebhooks.seed), %d orders (%d approved, %d declined), %d deliveries "
                        + "(%d orders' pairs at the same moment), answers %s, redelivered after 503 %d; ledger %s, most "
                        + "captures of one order %d; gateway %s; inbox %d entries, %d attempts; CONFIRMED transitions %d; "
                        + "DUP-A on hand %d reserved %d%n",
                SEED,
                ORDERS,
                approved,
                ORDERS - approved,
                ORDERS * 2,
                atOnce.size(),
                new TreeMap<>(answers),
                redelivered.get(),
                ledgerTypes,
                maxCapturesPerOrder,
                gateway,
                inboxEntries.size(),
                attempts,
                confirmedTransitions,
                sku.path("onHand").asInt(),
                sku.path("reserved").asInt());

        assertThat(answers.keySet()).isSubsetOf(200, 503);
        assertThat(maxCapturesPerOrder).isEqualTo(1);
        assertThat(captures).hasSize((int) approved);
        assertThat(ledgerTypes).isEqualTo(Map.of("CAPTURE", (int) approved));
        assertThat(gateway.getOrDefault("CAPTURED", 0)).isEqualTo((int) approved);
        assertThat(gateway.getOrDefault("DECLINED", 0)).isEqualTo((int) (ORDERS - approved));
        assertThat(inboxEntries)
                .hasSize(ORDERS)
                .allSatisfy(e -> assertThat(e.getString("status")).isEqualTo("PROCESSED"));
        assertThat(attempts).isGreaterThanOrEqualTo(ORDERS * 2);
        assertThat(confirmedTransitions).isEqualTo(approved);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stock("DUP-A").path("reserved").asInt() == 0);
        assertThat(stock("DUP-A").path("onHand").asInt()).isEqualTo(ORDERS * 2 - (int) approved);
    }

    private static List<String> placeConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Map<String, Object> body = EngineClient.checkoutBody("DUP-A", 1, "dup" + i + "@example.com");
            calls.add(() -> {
                Reply placed = client.checkout(body, null);
                assertThat(placed.status()).isEqualTo(201);
                return placed.text("orderId");
            });
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> call : pool.invokeAll(calls)) {
            ids.add(call.get());
        }
        pool.shutdown();
        return ids;
    }

    /** Posts the customer's decision as the sandbox page would; a 503 ("not recorded yet, post again") is posted again. */
    private static void decide(Placed order, Map<Integer, AtomicInteger> answers, AtomicInteger redelivered) {
        Map<String, String> decision = Map.of("outcome", order.approve() ? "approve" : "decline");
        for (int attempt = 1; ; attempt++) {
            Reply reply = client.post(order.actionUrl(), decision, null);
            answers.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
            if (reply.status() != 503 || attempt == 5) {
                assertThat(reply.status()).as("decision on %s", order.id()).isEqualTo(200);
                return;
            }
            redelivered.incrementAndGet();
        }
    }

    private static int total(String status) {
        return client.get("/api/v1/admin/orders?status=" + status + "&size=1", admin)
                .body()
                .path("total")
                .asInt();
    }

    private static JsonNode stock(String code) {
        for (JsonNode item :
                client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (code.equals(item.path("sku").asText())) {
                return item;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static com.mongodb.client.MongoCollection<Document> inbox() {
        return engine.bean(MongoDatabase.class).getCollection("webhook_inbox");
    }

    private static Reply deliver(String payload, String signature) {
        Map<String, String> headers = signature == null ? Map.of() : Map.of("Stripe-Signature", signature);
        return client.post("/api/v1/webhooks/stripe", payload, null, headers);
    }

    private static String stripeEvent(String id, String type) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"type\":\"" + type
                + "\",\"livemode\":false,\"pending_webhooks\":1,"
                + "\"request\":{\"id\":null,\"idempotency_key\":null},\"data\":{\"object\":{\"id\":\"pi_reliability\","
                + "\"object\":\"payment_intent\",\"amount\":1500,\"currency\":\"eur\",\"status\":\"succeeded\","
                + "\"metadata\":{\"order_id\":\"" + UUID.randomUUID() + "\"}}}}";
    }

    /** A Stripe-Signature header as Stripe computes it: HMAC-SHA256 of "timestamp.payload" with the endpoint secret. */
    private static String header(String payload, String secret, long timestamp) {
        return StripeSignatures.header(payload, secret, Instant.ofEpochSecond(timestamp));
    }

    private static String hmac(String secret, String text) {
        return StripeSignatures.hmac(secret, text);
    }
}
