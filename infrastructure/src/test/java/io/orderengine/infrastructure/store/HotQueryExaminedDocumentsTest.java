package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.BinData;
import io.orderengine.infrastructure.axon.AxonMongoConfiguration;
import io.orderengine.infrastructure.axon.SegmentClaims;
import io.orderengine.infrastructure.idempotency.IdempotencyKeyStore;
import io.orderengine.infrastructure.sequence.OrderNumberAllocator;
import io.orderengine.infrastructure.store.index.IndexedH2Backend;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot paths' queries read as many documents at 100,000 documents per collection as at 1,000: each query shape
 * is the one the engine's code issues (run through that code where it lives in this module: Axon's token and saga
 * stores, the idempotency key store, the order number allocator; copied from the other modules otherwise), against
 * the same collection with the same declared indexes. The documents a query reads are counted by the embedded
 * store's backend ({@link IndexedH2Backend#examinedDocuments}). A query on an unindexed field is the control: it
 * reads every document at both sizes.
 * <p>
 * The store is the embedded backend on an in-memory MVStore (the file adds nothing to what is counted); the
 * documents beyond the first thousand are added in-process, in bulk, to keep the test short.
 */
class HotQueryExaminedDocumentsTest {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HotQueryExaminedDocumentsTest.class);
    private static final String DB = "hot";
    private static final int SMALL = 1_000;
    private static final int LARGE = 100_000;
    private static final Instant NOW = Instant.parse("2025-06-02T10:00:00Z");

    private IndexedH2Backend backend;
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        backend = IndexedH2Backend.inMemory();
        server = new MongoServer(backend);
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        database = client.getDatabase(DB);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    /** One query shape on one collection: how many documents it finds (run once per size). */
    private record HotQuery(String name, String collection, Supplier<Integer> run) {}

    private record Measured(long examined, int found) {}

    @Test
    void hotPathQueriesReadAsManyDocumentsAt100kAsAt1k() {
        Serializer serializer = JacksonSerializer.defaultSerializer();
        MongoTemplate template =
                DefaultMongoTemplate.builder().mongoDatabase(database).build();
        AxonMongoConfiguration axon = new AxonMongoConfiguration();
        TokenStore tokens = axon.tokenStore(template, serializer, SegmentClaims.SHARED);
        SagaStore<Object> sagas = axon.sagaStore(template, serializer);
        IdempotencyKeyStore idempotency = new IdempotencyKeyStore(database);
        OrderNumberAllocator allocator = new OrderNumberAllocator(database);
        EmbeddedStoreIndexesTest.declareEngineIndexes(database);

        Map<String, IntFunction<de.bwaldvogel.mongo.bson.Document>> noise = new LinkedHashMap<>();
        String sagaType = serializer.typeForClass(CheckoutSagaStandIn.class).getName();
        noise.put("sagas", i -> saga(sagaType, "saga-" + i, "order-" + i));
        noise.put("deadlines", i -> deadline("deadline-" + i, NOW.plus(Duration.ofMinutes(10 + i % 5_000))));
        noise.put("trackingtokens", i -> token("processor-" + (i / 4), i % 4));
        noise.put(IdempotencyKeyStore.COLLECTION, i -> idempotencyKey("key-" + i, NOW.plus(Duration.ofDays(1))));
        noise.put("webhook_inbox", i -> inboxEntry("stripe:evt-" + i, NOW.plus(Duration.ofDays(30))));
        noise.put(
                "webhook_deliveries",
                i -> delivery("delivery-" + i, "endpoint-" + (i % 50), "DELIVERED", NOW.minus(Duration.ofMinutes(i))));
        noise.put(
                "payment_ledger",
                i -> ledgerEntry(
                        "STRIPE:cap-" + i,
                        "order-" + i,
                        NOW.minus(Duration.ofDays(2)).minusSeconds(i)));
        noise.put("order_numbers", i -> new de.bwaldvogel.mongo.bson.Document("_id", "ORD-20240101-" + i));
        noise.put(
                "order_number_counters",
                i -> new de.bwaldvogel.mongo.bson.Document(
                                "_id", LocalDate.of(1000, 1, 1).plusDays(i).toString())
                        .append("seq", 7L));
        noise.put("order_details", HotQueryExaminedDocumentsTest::order);

        // what the queries look for: the same documents at both sizes
        database.getCollection("sagas").insertOne(sagaDocument(sagaType, "saga-wanted", "order-wanted"));
        List<Document> due = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            due.add(deadlineDocument("due-" + i, NOW.minus(Duration.ofMinutes(5 - i))));
        }
        database.getCollection("deadlines").insertMany(due);
        tokens.initializeTokenSegments("wanted-processor", 4);
        String today = LocalDate.ofInstant(NOW, ZoneOffset.UTC).toString();
        database.getCollection("order_number_counters").insertOne(new Document("_id", today).append("seq", 0L));
        List<Document> pending = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pending.add(deliveryDocument(
                    "pending-" + i,
                    "endpoint-wanted",
                    i < 4 ? "PENDING" : "SENDING",
                    NOW.minus(Duration.ofMinutes(i))));
        }
        database.getCollection("webhook_deliveries").insertMany(pending);
        database.getCollection("payment_ledger")
                .insertMany(List.of(
                        ledgerDocument("STRIPE:cap-wanted", "order-wanted", NOW.minus(Duration.ofHours(3))),
                        ledgerDocument("STRIPE:ref-wanted", "order-wanted", NOW.minus(Duration.ofHours(2)))));
        List<Document> window = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            window.add(orderDocument(
                    "wanted-" + i, "SHIPPED", NOW.minus(Duration.ofHours(1)).minusSeconds(i * 60L), "customer-wanted"));
        }
        database.getCollection("order_details").insertMany(window);

        Date now = Date.from(NOW);
        Bson adminFilter = Filters.and(
                Filters.eq("status", "SHIPPED"),
                Filters.gte("placedAt", Date.from(NOW.minus(Duration.ofDays(1)))),
                Filters.lt("placedAt", now));
        MongoCollection<Document> deadlines = database.getCollection("deadlines");
        MongoCollection<Document> deliveries = database.getCollection("webhook_deliveries");
        MongoCollection<Document> ledger = database.getCollection("payment_ledger");
        MongoCollection<Document> inbox = database.getCollection("webhook_inbox");
        MongoCollection<Document> orders = database.getCollection("order_details");
        MongoCollection<Document> sagaDocuments = database.getCollection("sagas");
        List<HotQuery> queries = List.of(
                // Axon's MongoSagaStore: every event a saga handles looks its sagas up by association
                new HotQuery(
                        "saga association lookup",
                        "sagas",
                        () -> sagas.findSagas(
                                        CheckoutSagaStandIn.class, new AssociationValue("orderId", "order-wanted"))
                                .size()),
                new HotQuery(
                        "saga load by identifier",
                        "sagas",
                        () -> count(sagaDocuments.find(Filters.eq("sagaIdentifier", "saga-wanted")))),
                // MongoDeadlineManager.claimNextDue: sorted by trigger time, first due one claimed
                new HotQuery(
                        "due-deadline claim",
                        "deadlines",
                        () -> deadlines.findOneAndUpdate(
                                                Filters.and(
                                                        Filters.lte("triggerAt", now),
                                                        Filters.lte("claimedUntil", now)),
                                                Updates.combine(
                                                        Updates.set("claimedBy", "me"), Updates.inc("attempts", 1)),
                                                new FindOneAndUpdateOptions()
                                                        .sort(Sorts.ascending("triggerAt"))
                                                        .returnDocument(ReturnDocument.AFTER))
                                        == null
                                ? 0
                                : 1),
                // MongoDeadlineManager.cancelSchedule
                new HotQuery("deadline cancel", "deadlines", () -> (int) deadlines
                        .deleteOne(Filters.and(Filters.eq("_id", "deadline-77"), Filters.eq("name", "nobody")))
                        .getDeletedCount()),
                // Axon's MongoTokenStore: claim (fetch), extend, list segments
                new HotQuery("token claim", "trackingtokens", () -> {
                    tokens.fetchToken("wanted-processor", 2);
                    return 1;
                }),
                new HotQuery("token claim extension", "trackingtokens", () -> {
                    tokens.extendClaim("wanted-processor", 2);
                    return 1;
                }),
                new HotQuery("token segments", "trackingtokens", () -> tokens.fetchSegments("wanted-processor").length),
                // IdempotencyKeyStore: claim, answer, abandoned claim, expiry
                new HotQuery("idempotency key claim and answer", IdempotencyKeyStore.COLLECTION, () -> {
                    String key = "fresh-" + System.nanoTime();
                    idempotency.claim(key, "hash", NOW, NOW.plus(Duration.ofDays(1)));
                    idempotency.complete(key, new IdempotencyKeyStore.RecordedAnswer(200, "text/plain", null, "ok"));
                    return idempotency.find(key).isPresent() ? 1 : 0;
                }),
                new HotQuery(
                        "idempotency abandoned claim",
                        IdempotencyKeyStore.COLLECTION,
                        () -> idempotency.releaseAbandoned("key-5", NOW) ? 1 : 0),
                new HotQuery("idempotency expiry", IdempotencyKeyStore.COLLECTION, () -> {
                    for (int i = 0; i < 5; i++) {
                        String key = "expired-" + i;
                        idempotency.claim(key, "hash", NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)));
                        idempotency.complete(
                                key, new IdempotencyKeyStore.RecordedAnswer(201, "text/plain", null, "{}"));
                    }
                    return (int) idempotency.removeExpired(NOW);
                }),
                // WebhookInbox.received (upsert by key) and purgeExpired
                new HotQuery(
                        "webhook inbox receive",
                        "webhook_inbox",
                        () -> inbox.findOneAndUpdate(
                                                Filters.eq("_id", "stripe:evt-3"),
                                                Updates.combine(
                                                        Updates.setOnInsert("status", "RECEIVED"),
                                                        Updates.setOnInsert(
                                                                "expireAt", Date.from(NOW.plus(Duration.ofDays(90)))),
                                                        Updates.inc("attempts", 1)),
                                                new FindOneAndUpdateOptions()
                                                        .upsert(true)
                                                        .returnDocument(ReturnDocument.AFTER))
                                        == null
                                ? 0
                                : 1),
                new HotQuery("webhook inbox purge", "webhook_inbox", () -> {
                    for (int i = 0; i < 5; i++) {
                        inbox.insertOne(new Document("_id", "stripe:old-" + i)
                                .append("status", "PROCESSED")
                                .append("expireAt", Date.from(NOW.minus(Duration.ofDays(1)))));
                    }
                    return (int) inbox.deleteMany(Filters.lt("expireAt", now)).getDeletedCount();
                }),
                // WebhookDeliveries.due, ofEndpoint, countOfEndpoint
                new HotQuery(
                        "webhook deliveries due",
                        "webhook_deliveries",
                        () -> count(deliveries
                                .find(Filters.or(
                                        Filters.and(Filters.eq("status", "PENDING"), Filters.lte("nextAttemptAt", now)),
                                        Filters.and(Filters.eq("status", "SENDING"), Filters.lte("leaseUntil", now))))
                                .sort(Sorts.ascending("nextAttemptAt"))
                                .limit(20))),
                new HotQuery(
                        "webhook deliveries of an endpoint",
                        "webhook_deliveries",
                        () -> count(deliveries
                                .find(Filters.eq("endpointId", "endpoint-wanted"))
                                .sort(Sorts.descending("createdAt"))
                                .skip(2)
                                .limit(3))),
                new HotQuery("webhook deliveries count of an endpoint", "webhook_deliveries", () ->
                        (int) deliveries.countDocuments(Filters.eq("endpointId", "endpoint-wanted"))),
                // PaymentLedger.entriesOf and recordedBetween
                new HotQuery(
                        "ledger entries of an order",
                        "payment_ledger",
                        () -> count(ledger.find(Filters.eq("orderId", "order-wanted"))
                                .sort(Sorts.ascending("recordedAt")))),
                new HotQuery(
                        "ledger entries of a day",
                        "payment_ledger",
                        () -> count(ledger.find(Filters.and(
                                        Filters.gte("recordedAt", Date.from(NOW.minus(Duration.ofDays(1)))),
                                        Filters.lt("recordedAt", now)))
                                .sort(Sorts.ascending("recordedAt")))),
                // OrderNumberAllocator.next: counter bump by _id, claim by unique _id
                new HotQuery("order number allocation", "order_number_counters", () -> {
                    allocator.next(LocalDate.ofInstant(NOW, ZoneOffset.UTC));
                    return 1;
                }),
                new HotQuery(
                        "order by order number",
                        "order_details",
                        () -> count(orders.find(Filters.eq("orderNumber", "ORD-wanted-7")))),
                // AdminOrderList: status and placement window, newest first, a page and its count
                new HotQuery(
                        "admin orders by status and date (page)",
                        "order_details",
                        () -> count(orders.find(adminFilter)
                                .projection(Projections.include("orderNumber", "status", "placedAt", "totals"))
                                .sort(Sorts.descending("placedAt", "_id"))
                                .skip(20)
                                .limit(20))),
                new HotQuery("admin orders by status and date (count)", "order_details", () ->
                        (int) orders.countDocuments(adminFilter)),
                // CustomerOrderHistory: a customer's orders, newest first
                new HotQuery(
                        "customer order history",
                        "order_details",
                        () -> count(orders.find(Filters.eq("customer.customerId", "customer-wanted"))
                                .sort(Sorts.descending("placedAt", "_id"))
                                .limit(10))),
                // control: no index on scopeType, so every document is read
                new HotQuery(
                        "control: unindexed field",
                        "deadlines",
                        () -> count(deadlines.find(Filters.eq("scopeType", "nothing-has-this")))));

        fill(noise, SMALL);
        Map<String, Measured> small = measure(queries);
        fill(noise, LARGE);
        Map<String, Measured> large = measure(queries);

        for (HotQuery query : queries) {
            Measured at1k = small.get(query.name());
            Measured at100k = large.get(query.name());
            log.info(
                    "{}: {} read for {} found at 1k documents, {} for {} at 100k",
                    query.name(),
                    at1k.examined(),
                    at1k.found(),
                    at100k.examined(),
                    at100k.found());
            if (query.name().startsWith("control")) {
                assertThat(at1k.examined()).as(query.name() + " at 1k").isEqualTo(SMALL);
                assertThat(at100k.examined()).as(query.name() + " at 100k").isEqualTo(LARGE);
                continue;
            }
            assertThat(at100k.examined())
                    .as("documents read by " + query.name() + " at 100k (1k: " + at1k + ")")
                    .isEqualTo(at1k.examined());
            assertThat(at100k.found()).as("found by " + query.name()).isEqualTo(at1k.found());
            assertThat(at100k.examined())
                    .as("documents read by " + query.name())
                    .isLessThanOrEqualTo(Math.max(at100k.found(), 1) + 60);
        }
        assertThat(large.get("saga association lookup")).isEqualTo(new Measured(1, 1));
        assertThat(large.get("due-deadline claim").examined()).isLessThanOrEqualTo(5);
        assertThat(large.get("token claim")).isEqualTo(new Measured(1, 1));
        assertThat(large.get("admin orders by status and date (page)")).isEqualTo(new Measured(40, 20));
        assertThat(large.get("admin orders by status and date (count)"))
                .as("counted from the index alone")
                .isEqualTo(new Measured(0, 60));
        assertThat(large.get("webhook deliveries count of an endpoint")).isEqualTo(new Measured(0, 6));
    }

    private static int count(Iterable<Document> found) {
        int count = 0;
        for (Document ignored : found) {
            count++;
        }
        return count;
    }

    private Map<String, Measured> measure(List<HotQuery> queries) {
        Map<String, Measured> measured = new LinkedHashMap<>();
        for (HotQuery query : queries) {
            long before = backend.examinedDocuments(DB, query.collection());
            int found = query.run().get();
            measured.put(query.name(), new Measured(backend.examinedDocuments(DB, query.collection()) - before, found));
        }
        return measured;
    }

    /** Tops every collection up to {@code size} documents with ones the hot queries do not look for. */
    private void fill(Map<String, IntFunction<de.bwaldvogel.mongo.bson.Document>> noise, int size) {
        for (Map.Entry<String, IntFunction<de.bwaldvogel.mongo.bson.Document>> collection : noise.entrySet()) {
            if (backend.resolveDatabase(DB).resolveCollection(collection.getKey(), false) == null) {
                database.createCollection(collection.getKey());
            }
            de.bwaldvogel.mongo.MongoCollection<?> target =
                    backend.resolveDatabase(DB).resolveCollection(collection.getKey(), true);
            int existing = target.count();
            List<de.bwaldvogel.mongo.bson.Document> batch = new ArrayList<>();
            for (int i = existing; i < size; i++) {
                batch.add(collection.getValue().apply(i));
                if (batch.size() == 10_000) {
                    assertThat(target.insertDocuments(batch, true)).isEmpty();
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                assertThat(target.insertDocuments(batch, true)).isEmpty();
            }
            assertThat(target.count()).as(collection.getKey()).isEqualTo(size);
            backend.commit();
        }
    }

    // ------------------------------------------------------------------------------------------------ documents

    /** The saga type the association lookups name (only its name matters to the store). */
    static final class CheckoutSagaStandIn {}

    private static Document sagaDocument(String type, String id, String orderId) {
        return new Document("sagaType", type)
                .append("sagaIdentifier", id)
                .append("serializedSaga", new org.bson.types.Binary("{}".getBytes()))
                .append(
                        "associations",
                        List.of(
                                new Document("key", "orderId").append("value", orderId),
                                new Document("key", "paymentReference").append("value", "pay-" + orderId)));
    }

    private static de.bwaldvogel.mongo.bson.Document saga(String type, String id, String orderId) {
        return new de.bwaldvogel.mongo.bson.Document("sagaType", type)
                .append("sagaIdentifier", id)
                .append("serializedSaga", new BinData("{}".getBytes()))
                .append(
                        "associations",
                        List.of(
                                new de.bwaldvogel.mongo.bson.Document("key", "orderId").append("value", orderId),
                                new de.bwaldvogel.mongo.bson.Document("key", "paymentReference")
                                        .append("value", "pay-" + orderId)));
    }

    private static Document deadlineDocument(String id, Instant triggerAt) {
        return new Document("_id", id)
                .append("name", "paymentTimeout")
                .append("triggerAt", Date.from(triggerAt))
                .append("claimedUntil", new Date(0))
                .append("attempts", 0)
                .append("scope", "{}")
                .append("scopeType", "SagaScopeDescriptor");
    }

    private static de.bwaldvogel.mongo.bson.Document deadline(String id, Instant triggerAt) {
        return new de.bwaldvogel.mongo.bson.Document("_id", id)
                .append("name", "paymentTimeout")
                .append("triggerAt", triggerAt)
                .append("claimedUntil", Instant.EPOCH)
                .append("attempts", 0)
                .append("scope", "{}")
                .append("scopeType", "SagaScopeDescriptor");
    }

    private static de.bwaldvogel.mongo.bson.Document token(String processor, int segment) {
        return new de.bwaldvogel.mongo.bson.Document("processorName", processor)
                .append("segment", segment)
                .append("owner", null)
                .append("timestamp", NOW.toEpochMilli())
                .append("token", null)
                .append("tokenType", null);
    }

    private static de.bwaldvogel.mongo.bson.Document idempotencyKey(String id, Instant expireAt) {
        return new de.bwaldvogel.mongo.bson.Document("_id", id)
                .append("requestHash", "h")
                .append("state", "DONE")
                .append("createdAt", NOW)
                .append("expireAt", expireAt);
    }

    private static de.bwaldvogel.mongo.bson.Document inboxEntry(String id, Instant expireAt) {
        return new de.bwaldvogel.mongo.bson.Document("_id", id)
                .append("status", "PROCESSED")
                .append("attempts", 1)
                .append("receivedAt", NOW)
                .append("expireAt", expireAt);
    }

    private static Document deliveryDocument(String id, String endpoint, String status, Instant at) {
        Document delivery = new Document("_id", id)
                .append("endpointId", endpoint)
                .append("status", status)
                .append("attempts", 0)
                .append("nextAttemptAt", Date.from(at))
                .append("createdAt", Date.from(at));
        return "SENDING".equals(status) ? delivery.append("leaseUntil", Date.from(at.plusSeconds(1))) : delivery;
    }

    private static de.bwaldvogel.mongo.bson.Document delivery(String id, String endpoint, String status, Instant at) {
        return new de.bwaldvogel.mongo.bson.Document("_id", id)
                .append("endpointId", endpoint)
                .append("status", status)
                .append("attempts", 1)
                .append("createdAt", at)
                .append("deliveredAt", at);
    }

    private static Document ledgerDocument(String id, String orderId, Instant at) {
        return new Document("_id", id)
                .append("type", "CAPTURE")
                .append("provider", "STRIPE")
                .append("orderId", orderId)
                .append("amountMinor", 1_000L)
                .append("currency", "EUR")
                .append("recordedAt", Date.from(at));
    }

    private static de.bwaldvogel.mongo.bson.Document ledgerEntry(String id, String orderId, Instant at) {
        return new de.bwaldvogel.mongo.bson.Document("_id", id)
                .append("type", "CAPTURE")
                .append("provider", "STRIPE")
                .append("orderId", orderId)
                .append("amountMinor", 1_000L)
                .append("currency", "EUR")
                .append("recordedAt", at);
    }

    private static final Set<String> STATUSES = Set.of("PLACED", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED");

    private static Document orderDocument(String id, String status, Instant placedAt, String customer) {
        return new Document("_id", id)
                .append("orderNumber", "ORD-" + id)
                .append("status", status)
                .append("paymentStatus", "CAPTURED")
                .append("customer", new Document("customerId", customer).append("email", id + "@example.com"))
                .append("totals", new Document("totalMinor", 1_000L).append("currency", "EUR"))
                .append("placedAt", Date.from(placedAt))
                .append("updatedAt", Date.from(placedAt));
    }

    /**
     * Orders the admin list must skip: SHIPPED ones placed before the window, and orders in other statuses placed
     * inside it.
     */
    private static de.bwaldvogel.mongo.bson.Document order(int i) {
        boolean shipped = i % 2 == 0;
        String status = shipped
                ? "SHIPPED"
                : STATUSES.stream()
                        .filter(s -> !s.equals("SHIPPED"))
                        .sorted()
                        .toList()
                        .get(i % 4);
        Instant placedAt = shipped ? NOW.minus(Duration.ofDays(2)).minusSeconds(i) : NOW.minusSeconds(1 + i % 80_000);
        return new de.bwaldvogel.mongo.bson.Document("_id", "order-" + i)
                .append("orderNumber", "ORD-" + i)
                .append("status", status)
                .append("paymentStatus", "CAPTURED")
                .append(
                        "customer",
                        new de.bwaldvogel.mongo.bson.Document("customerId", "customer-" + (i % 5_000))
                                .append("email", i + "@example.com"))
                .append(
                        "totals",
                        new de.bwaldvogel.mongo.bson.Document("totalMinor", (long) i).append("currency", "EUR"))
                .append("placedAt", placedAt)
                .append("updatedAt", placedAt);
    }
}
