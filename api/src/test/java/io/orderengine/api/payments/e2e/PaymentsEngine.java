package io.orderengine.api.payments.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.order.OrderView;
import io.orderengine.saga.inbox.WebhookInbox;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * One whole engine for a payments test class, driven over HTTP like the checkout UI, an admin and a payment provider,
 * with read access to the ledger, the webhook inbox and the read model where a test counts what happened.
 */
final class PaymentsEngine implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RunningEngine engine;
    private final EngineClient client;
    private final String admin;
    private final MongoDatabase database;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    private PaymentsEngine(RunningEngine engine) {
        this.engine = engine;
        this.client = engine.client();
        this.admin = client.token("payments-admin", "ADMIN");
        this.database = engine.bean(MongoDatabase.class);
    }

    static PaymentsEngine start(Map<String, Object> properties) {
        return new PaymentsEngine(RunningEngine.start(properties));
    }

    @Override
    public void close() {
        engine.close();
    }

    EngineClient client() {
        return client;
    }

    String admin() {
        return admin;
    }

    MongoDatabase database() {
        return database;
    }

    <T> T bean(Class<T> type) {
        return engine.bean(type);
    }

    void registerSkus(int stock, String... skus) {
        for (String sku : skus) {
            assertThat(client.registerSku(admin, sku, 2000, stock).status()).isEqualTo(204);
        }
        await().atMost(PATIENCE).until(() -> available(skus[skus.length - 1]) == stock);
    }

    /** A guest checkout of {@code quantity} × {@code sku} paid with {@code paymentMethod}. */
    Placed checkout(String sku, int quantity, String paymentMethod) {
        Map<String, Object> body = EngineClient.checkoutBody(sku, quantity, "guest@example.com");
        body.put("paymentMethod", paymentMethod);
        Reply placed = client.checkout(body, null);
        assertThat(placed.status()).as("checkout %s", placed.body()).isEqualTo(201);
        return new Placed(placed.text("orderId"), placed.text("guestToken"));
    }

    /** The order as its guest customer reads it (GET /api/v1/orders/{id}?token=). */
    JsonNode asCustomer(Placed order) {
        return client.get("/api/v1/orders/" + order.id() + "?token=" + order.token(), null)
                .body();
    }

    /** The order as an admin reads it, admin notes included. */
    JsonNode asAdmin(String orderId) {
        return client.get("/api/v1/orders/" + orderId, admin).body();
    }

    /** The stored read model of the order, read without the HTTP layer (so no gateway is asked for a client secret). */
    JsonNode stored(String orderId) {
        OrderView view = engine.bean(QueryGateway.class)
                .query(new FindOrderQuery(new OrderId(orderId)), OrderView.class)
                .join();
        return view == null ? json.nullNode() : json.valueToTree(view);
    }

    JsonNode awaitStored(String orderId, String status) {
        await().atMost(PATIENCE)
                .until(() -> status.equals(stored(orderId).path("status").asText()));
        return stored(orderId);
    }

    JsonNode awaitStored(String orderId, String status, String paymentStatus) {
        await().atMost(PATIENCE).until(() -> {
            JsonNode order = stored(orderId);
            return status.equals(order.path("status").asText())
                    && paymentStatus.equals(order.path("paymentStatus").asText());
        });
        return stored(orderId);
    }

    /** The gateway's payment reference of the order once it waits for payment. */
    String paymentReference(String orderId) {
        JsonNode awaiting = awaitStored(orderId, "AWAITING_PAYMENT");
        return awaiting.path("payment").path("reference").asText();
    }

    Reply webhook(String provider, String body, Map<String, String> headers) {
        return client.post("/api/v1/webhooks/" + provider, body, null, headers);
    }

    /** Posts the same call from {@code copies} threads at once; the replies in no particular order. */
    static List<Reply> concurrently(int copies, Callable<Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                futures.add(pool.submit(call));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    Reply refund(String orderId, long amountMinor, String reason) {
        return client.post(
                "/api/v1/admin/orders/" + orderId + "/refunds",
                Map.of("amountMinor", amountMinor, "reason", reason),
                admin,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    Reply retryCheckout(String orderId) {
        return client.post("/api/v1/admin/sagas/" + orderId + "/retry", Map.of("note", "gateway is back"), admin);
    }

    /** Ledger entries of the order, of type CAPTURE or REFUND. */
    long ledgerEntries(String orderId, String type) {
        return database.getCollection(PaymentLedger.COLLECTION)
                .countDocuments(Filters.and(Filters.eq("orderId", orderId), Filters.eq("type", type)));
    }

    /** How many times the webhook inbox saw deliveries of a provider event (0 when never recorded). */
    int deliveries(String provider, String eventId) {
        Document entry = database.getCollection(WebhookInbox.COLLECTION)
                .find(Filters.eq("_id", provider + ":" + eventId))
                .first();
        return entry == null ? 0 : entry.getInteger("attempts", 0);
    }

    String inboxStatus(String provider, String eventId) {
        Document entry = database.getCollection(WebhookInbox.COLLECTION)
                .find(Filters.eq("_id", provider + ":" + eventId))
                .first();
        return entry == null ? null : entry.getString("status");
    }

    int available(String sku) {
        JsonNode item = sku(sku);
        return item == null ? -1 : item.path("available").asInt();
    }

    int onHand(String sku) {
        JsonNode item = sku(sku);
        return item == null ? -1 : item.path("onHand").asInt();
    }

    private JsonNode sku(String code) {
        for (JsonNode item :
                client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (code.equals(item.path("sku").asText())) {
                return item;
            }
        }
        return null;
    }

    /** The collections (events, read models, sagas, inbox, ledger, ...) in which {@code text} is stored anywhere. */
    List<String> collectionsHolding(String text) {
        List<String> holding = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            for (Document document : database.getCollection(name).find()) {
                if (holds(document, text)) {
                    holding.add(name);
                    break;
                }
            }
        }
        return holding;
    }

    private static boolean holds(Object value, String text) {
        if (value instanceof String s) {
            return s.contains(text);
        }
        if (value instanceof Binary binary) {
            return new String(binary.getData(), StandardCharsets.UTF_8).contains(text);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8).contains(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(v -> holds(v, text));
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(v -> holds(v, text));
        }
        return false;
    }

    /** A placed order: its id and the guest's view token. */
    record Placed(String id, String token) {}
}
