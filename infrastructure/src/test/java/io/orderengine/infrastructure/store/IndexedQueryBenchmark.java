package io.orderengine.infrastructure.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;

/**
 * A rough figure, not a test (run by hand: {@code java -cp <test class path> ...IndexedQueryBenchmark [documents]}):
 * the admin order list (status and placement window, newest first, a page of 20, with its count), counts of one
 * status (from the index alone, and with a condition the index cannot decide: ~10,000 documents read) and the due
 * deadline poll on the embedded store at 100,000 documents, served by the engine's indexes and by a scan of the
 * same documents in a collection without them; single inserts with the order indexes and without; then how long
 * the store takes to open with its index maps and to rebuild them when they cannot be trusted.
 */
public final class IndexedQueryBenchmark {

    private static final String DB = "bench";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String[] STATUSES = {"PLACED", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED"};

    private IndexedQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path folder = Files.createTempDirectory("index-bench");
        Path file = folder.resolve("bench.mv");
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase(DB);
            EmbeddedStoreIndexesTest.declareOrderIndexes(database.getCollection("orders"));
            database.getCollection("deadlines").createIndex(Indexes.ascending("triggerAt"));
            database.getCollection("deadlines").createIndex(Indexes.ascending("name"));
            long indexed =
                    time(() -> seed(database.getCollection("orders"), database.getCollection("deadlines"), documents));
            long plain = time(() ->
                    seed(database.getCollection("orders_plain"), database.getCollection("deadlines_plain"), documents));
            System.out.printf(
                    "seed %,d orders + %,d deadlines: %,d ms with the indexes, %,d ms without%n",
                    documents, documents, indexed, plain);

            Bson filter = Filters.and(
                    Filters.eq("status", "SHIPPED"),
                    Filters.gte("placedAt", Date.from(NOW.minusSeconds(3 * 86_400))),
                    Filters.lt("placedAt", Date.from(NOW)));
            Bson sort = Sorts.descending("placedAt", "_id");
            for (String collection : List.of("orders", "orders_plain")) {
                MongoCollection<Document> orders = database.getCollection(collection);
                report(
                        "admin list page (" + collection + ")",
                        () -> orders.find(filter)
                                .projection(Projections.include("orderNumber", "status", "placedAt", "totals"))
                                .sort(sort)
                                .limit(20)
                                .into(new ArrayList<>())
                                .size());
                report("admin list count (" + collection + ")", () -> (int) orders.countDocuments(filter));
                report("count of one status (" + collection + ")", () ->
                        (int) orders.countDocuments(Filters.eq("status", "SHIPPED")));
                report("one status, total >= 500 (" + collection + ")", () -> (int) orders.countDocuments(
                        Filters.and(Filters.eq("status", "SHIPPED"), Filters.gte("totals.totalMinor", 50_000L))));
            }
            for (String collection : List.of("orders", "orders_plain")) {
                MongoCollection<Document> orders = database.getCollection(collection);
                int[] next = {documents};
                long took = time(() -> {
                    for (int i = 0; i < 500; i++) {
                        orders.insertOne(new Document("_id", "order-" + next[0])
                                .append("orderNumber", "ORD-" + next[0])
                                .append("status", "PLACED")
                                .append("paymentStatus", "AUTHORIZED")
                                .append("customer", new Document("customerId", "customer-1").append("email", "x@y.z"))
                                .append("totals", new Document("totalMinor", 1_000L))
                                .append("placedAt", Date.from(NOW))
                                .append("updatedAt", Date.from(NOW)));
                        next[0]++;
                    }
                });
                System.out.printf(
                        "%-40s %,10.1f writes/s (one insert and commit each)%n",
                        "single inserts (" + collection + ")", 500 * 1000.0 / took);
            }
            Bson due =
                    Filters.and(Filters.lte("triggerAt", Date.from(NOW)), Filters.lte("claimedUntil", Date.from(NOW)));
            for (String collection : List.of("deadlines", "deadlines_plain")) {
                MongoCollection<Document> deadlines = database.getCollection(collection);
                report("due deadline poll (" + collection + ")", () -> {
                    Document next = deadlines
                            .find(due)
                            .sort(Sorts.ascending("triggerAt"))
                            .limit(1)
                            .first();
                    return next == null ? 0 : 1;
                });
            }
        }
        long open = time(() -> {
            try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0)) {
                System.out.printf("open after a clean close: %d index builds%n", store.indexBuilds());
            }
        });
        try (MVStore raw = MVStore.open(file.toString())) {
            raw.openMap("$orderengine.indexes").remove("clean-close-version");
        }
        long rebuild = time(() -> {
            try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0)) {
                System.out.printf("open after an unclean close: %d index builds%n", store.indexBuilds());
            }
        });
        System.out.printf(
                "open + close: %,d ms with the index maps as they are, %,d ms rebuilding every index "
                        + "(%,d orders with 12 indexes, %,d deadlines with 2)%n",
                open, rebuild, documents, documents);
    }

    private static void seed(MongoCollection<Document> orders, MongoCollection<Document> deadlines, int count) {
        Random random = new Random(1);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant placed = NOW.minusSeconds(random.nextInt(365 * 86_400));
            batch.add(new Document("_id", "order-" + i)
                    .append("orderNumber", "ORD-" + i)
                    .append("status", STATUSES[random.nextInt(STATUSES.length)])
                    .append("paymentStatus", random.nextBoolean() ? "CAPTURED" : "AUTHORIZED")
                    .append(
                            "customer",
                            new Document("customerId", "customer-" + random.nextInt(count / 10 + 1))
                                    .append("email", "c" + i + "@example.com"))
                    .append("customerName", "Customer " + i)
                    .append(
                            "totals",
                            new Document("totalMinor", (long) random.nextInt(100_000)).append("currency", "EUR"))
                    .append("placedAt", Date.from(placed))
                    .append("updatedAt", Date.from(placed))
                    .append("lines", List.of(new Document("sku", "SKU-" + random.nextInt(500)).append("quantity", 1))));
            if (batch.size() == 5_000) {
                orders.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            orders.insertMany(batch);
        }
        batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean dueButClaimed = i < 10;
            batch.add(new Document("_id", "deadline-" + i)
                    .append("name", "payment-timeout")
                    .append("triggerAt", Date.from(dueButClaimed ? NOW.minusSeconds(60) : NOW.plusSeconds(60 + i)))
                    .append("claimedUntil", Date.from(dueButClaimed ? NOW.plusSeconds(300) : Instant.EPOCH))
                    .append("attempts", 0)
                    .append("scope", "{\"type\":\"CheckoutSaga\",\"id\":\"" + i + "\"}"));
            if (batch.size() == 5_000) {
                deadlines.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            deadlines.insertMany(batch);
        }
    }

    private static void report(String name, Supplier<Integer> query) {
        for (int i = 0; i < 3; i++) {
            query.get();
        }
        int runs = 0;
        long start = System.nanoTime();
        long until = start + 3_000_000_000L;
        int result = 0;
        while (System.nanoTime() < until || runs < 3) {
            result = query.get();
            runs++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-40s %,10.1f ops/s (%d found)%n", name, runs / seconds, result);
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
