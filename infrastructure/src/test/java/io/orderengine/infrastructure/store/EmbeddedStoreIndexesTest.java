package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.orderengine.infrastructure.axon.AxonMongoConfiguration;
import io.orderengine.infrastructure.axon.SegmentClaims;
import io.orderengine.infrastructure.deadline.MongoDeadlineManager;
import io.orderengine.infrastructure.eventstore.MongoGlobalSequenceEventStorageEngine;
import io.orderengine.infrastructure.idempotency.IdempotencyKeyStore;
import io.orderengine.infrastructure.ratelimit.RateLimitBuckets;
import io.orderengine.infrastructure.store.index.IndexedH2Backend;
import io.orderengine.testkit.CapturedLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store serves the indexes clients declare: no "not yet implemented" warning at start-up or when the
 * engine declares its indexes; every query shape answers exactly what the same query answers on a collection
 * without those indexes, while reading only a fraction of the documents; sparse and unique indexes keep MongoDB's
 * semantics; the indexes are kept in the store file across a close and an open, and rebuilt when their maps are
 * missing or may disagree with the documents (a crash). A build from before the documents were kept as BSON (see
 * {@code BsonDocumentType}) cannot open the file, and trying leaves it as it was.
 */
class EmbeddedStoreIndexesTest {

    private static final String DB = "indexes";
    private static final int DOCUMENTS = 600;

    @TempDir
    Path folder;

    // ------------------------------------------------------------------------------------------- start-up

    @Test
    void theEngineDeclaresItsIndexesAndReopensTheStoreWithoutNotYetImplementedWarnings() {
        Path file = folder.resolve("engine.mv");
        try (StoreLogs logs = new StoreLogs()) {
            try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                    MongoClient client = MongoClients.create(store.connectionString())) {
                MongoDatabase database = client.getDatabase(DB);
                declareEngineIndexes(database);
                assertThat(indexNames(database, "deadlines")).contains("triggerAt_1", "name_1");
                assertThat(indexNames(database, "sagas")).contains("associations", "sagaIdentifier");
                assertThat(indexNames(database, "order_details")).hasSize(12);
            }
            try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                    MongoClient client = MongoClients.create(store.connectionString())) {
                declareEngineIndexes(client.getDatabase(DB));
                assertThat(store.indexBuilds())
                        .as("indexes rebuilt after a clean close")
                        .isZero();
            }
            assertThat(logs.containing("not yet implemented")).isEmpty();
            assertThat(logs.containing("Store indexes of '" + DB + "'")).isNotEmpty();
        }
    }

    /**
     * The indexes the engine declares: the infrastructure's own by running its code, those of the other modules as
     * they declare them (sagas: PaymentLedger, WebhookInbox; outbound: WebhookDeliveries; query-side:
     * OrderDocuments, SkuStockProjection, OrderMetricsProjection).
     */
    static void declareEngineIndexes(MongoDatabase database) {
        Serializer serializer = JacksonSerializer.defaultSerializer();
        AxonMongoConfiguration axon = new AxonMongoConfiguration();
        MongoTemplate template =
                DefaultMongoTemplate.builder().mongoDatabase(database).build();
        axon.tokenStore(template, serializer, SegmentClaims.SHARED);
        axon.sagaStore(template, serializer);
        MongoGlobalSequenceEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build()
                .ensureIndexes();
        new MongoDeadlineManager(
                        database,
                        scope -> Stream.empty(),
                        serializer,
                        Clock.systemUTC(),
                        MongoDeadlineManager.Options.defaults())
                .ensureIndexes();
        new IdempotencyKeyStore(database);
        new RateLimitBuckets(database, Clock.systemUTC());

        MongoCollection<Document> ledger = database.getCollection("payment_ledger");
        ledger.createIndex(Indexes.ascending("orderId"));
        ledger.createIndex(Indexes.ascending("recordedAt"));
        database.getCollection("webhook_inbox")
                .createIndex(
                        Indexes.ascending("expireAt"),
                        new IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS));
        MongoCollection<Document> deliveries = database.getCollection("webhook_deliveries");
        deliveries.createIndex(Indexes.ascending("status", "nextAttemptAt"), new IndexOptions().name("due"));
        deliveries.createIndex(Indexes.ascending("endpointId", "createdAt"), new IndexOptions().name("byEndpoint"));
        declareOrderIndexes(database.getCollection("order_details"));
        database.getCollection("order_metrics_orders").createIndex(Indexes.ascending("status"));
        MongoCollection<Document> skus = database.getCollection("sku_stock");
        skus.createIndex(Indexes.compoundIndex(Indexes.ascending("active"), Indexes.ascending("_id")));
        skus.createIndex(Indexes.compoundIndex(
                Indexes.ascending("lowStock"),
                Indexes.ascending("active"),
                Indexes.ascending("available"),
                Indexes.ascending("_id")));
    }

    /** OrderDocuments.createIndexes: the order detail read model (and its archive). */
    static void declareOrderIndexes(MongoCollection<Document> orders) {
        orders.createIndex(Indexes.ascending("orderNumber"), new IndexOptions().unique(true));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending("customer.customerId"), Indexes.descending("placedAt"), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending("customer.customerId"),
                Indexes.ascending("status"),
                Indexes.descending("placedAt"),
                Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.descending("placedAt"), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.descending("totals.totalMinor"), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending("status"), Indexes.descending("placedAt"), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending("paymentStatus"), Indexes.descending("placedAt"), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending("status"),
                Indexes.ascending("paymentStatus"),
                Indexes.descending("placedAt"),
                Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(
                Indexes.ascending("status"), Indexes.descending("totals.totalMinor"), Indexes.descending("_id")));
        orders.createIndex(Indexes.ascending("customer.email"));
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("updatedAt")));
    }

    private static List<String> indexNames(MongoDatabase database, String collection) {
        List<String> names = new ArrayList<>();
        database.getCollection(collection).listIndexes().forEach(index -> names.add(index.getString("name")));
        return names;
    }

    // ------------------------------------------------------------------------------------------- same answers

    @Test
    void everyQueryShapeAnswersAsWithoutTheIndexesAndReadsFewerDocuments() {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(folder.resolve("shapes.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase(DB);
            MongoCollection<Document> indexed = database.getCollection("indexed");
            MongoCollection<Document> plain = database.getCollection("plain");
            List<Document> documents = randomDocuments(new Random(42), DOCUMENTS);
            plain.insertMany(copies(documents));
            declareShapeIndexes(indexed);
            indexed.insertMany(copies(documents.subList(0, DOCUMENTS / 2)));
            indexed.insertMany(copies(documents.subList(DOCUMENTS / 2, DOCUMENTS)));

            Random random = new Random(7);
            SoftAssertions softly = new SoftAssertions();
            for (Shape shape : shapes(random)) {
                long before = store.examinedDocuments(DB, "indexed");
                List<Document> expected = shape.run(plain);
                List<Document> actual = shape.run(indexed);
                long examined = store.examinedDocuments(DB, "indexed") - before;
                softly.assertThat(ids(actual)).as(shape.name()).isEqualTo(ids(expected));
                softly.assertThat(actual).as(shape.name()).isEqualTo(expected);
                // counts: countDocuments (an aggregation) and the count command, from the index alone when it covers
                softly.assertThat(indexed.countDocuments(shape.filter()))
                        .as("countDocuments " + shape.name())
                        .isEqualTo(plain.countDocuments(shape.filter()));
                softly.assertThat(countCommand(database, "indexed", shape.filter()))
                        .as("count " + shape.name())
                        .isEqualTo(countCommand(database, "plain", shape.filter()));
                if (shape.maxExamined() == BOUNDED) {
                    long answer = expected.size();
                    softly.assertThat(examined)
                            .as("documents read for " + shape.name())
                            .isLessThanOrEqualTo(Math.min(DOCUMENTS - 1, Math.max(3 * answer, DOCUMENTS / 10)));
                } else if (shape.maxExamined() >= 0) {
                    softly.assertThat(examined)
                            .as("documents read for " + shape.name())
                            .isLessThanOrEqualTo(shape.maxExamined());
                }
            }
            softly.assertAll();
        }
    }

    private static long countCommand(MongoDatabase database, String collection, Bson filter) {
        Document query = filter.toBsonDocument(Document.class, database.getCodecRegistry())
                        .isEmpty()
                ? new Document()
                : Document.parse(filter.toBsonDocument(Document.class, database.getCodecRegistry())
                        .toJson());
        return database.runCommand(new Document("count", collection).append("query", query))
                .get("n", Number.class)
                .longValue();
    }

    /** Every kind of index the planner knows: single, compound, descending, dotted, multikey, sparse. */
    private static void declareShapeIndexes(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending("n"));
        collection.createIndex(
                Indexes.compoundIndex(Indexes.ascending("g"), Indexes.descending("d"), Indexes.descending("_id")));
        collection.createIndex(
                Indexes.compoundIndex(Indexes.ascending("g"), Indexes.ascending("s"), Indexes.ascending("u")));
        collection.createIndex(Indexes.ascending("s"));
        collection.createIndex(Indexes.ascending("tags"));
        collection.createIndex(Indexes.ascending("sub"));
        collection.createIndex(Indexes.ascending("nested.x"));
        collection.createIndex(Indexes.ascending("sp"), new IndexOptions().sparse(true));
        collection.createIndex(Indexes.ascending("u"), new IndexOptions().unique(true));
        collection.createIndex(Indexes.compoundIndex(Indexes.descending("d"), Indexes.ascending("u")));
        collection.createIndex(Indexes.ascending("m"));
    }

    private static final String[] GROUPS = {"PLACED", "CONFIRMED", "SHIPPED", "CANCELLED", "é-ñ", ""};
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private static List<Document> randomDocuments(Random random, int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document document = new Document("_id", i % 7 == 0 ? (Object) new ObjectId() : "doc-" + i)
                    .append("u", i)
                    .append("g", GROUPS[random.nextInt(GROUPS.length)])
                    .append("d", Date.from(EPOCH.plusSeconds(random.nextInt(100_000))));
            switch (random.nextInt(9)) {
                case 0 -> document.append("n", random.nextInt(50));
                case 1 -> document.append("n", (long) random.nextInt(50));
                case 2 -> document.append("n", random.nextInt(100) / 2.0);
                case 3 -> document.append("n", null);
                case 4 -> document.append("n", "text-" + random.nextInt(20));
                case 5 -> document.append("n", List.of(random.nextInt(50), random.nextInt(50)));
                case 6 -> document.append("n", random.nextBoolean() ? 5_000_000_000L : 5_000_000_000.5);
                case 7 -> document.append("n", -random.nextInt(50) - 0.25);
                default -> {}
            }
            if (random.nextInt(4) > 0) {
                document.append(
                        "s",
                        random.nextInt(5) == 0
                                ? "Zürich-" + random.nextInt(9)
                                : random.nextBoolean() ? "s" + random.nextInt(30) : "s" + random.nextInt(30) + "x");
            }
            List<String> tags = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                tags.add("t" + random.nextInt(10));
            }
            document.append("tags", tags);
            List<Document> sub = new ArrayList<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                int key = random.nextInt(12);
                sub.add(new Document("k", "k" + key).append("v", key));
            }
            document.append("sub", sub);
            if (random.nextBoolean()) {
                document.append("nested", new Document("x", random.nextInt(10)).append("y", "y"));
            }
            if (random.nextInt(3) == 0) {
                document.append("sp", random.nextInt(4) == 0 ? null : random.nextInt(10));
            }
            switch (random.nextInt(8)) {
                case 0 -> document.append("m", random.nextInt(5));
                case 1 -> document.append("m", random.nextInt(5) + 0.5);
                case 2 -> document.append("m", "m" + random.nextInt(5));
                case 3 -> document.append("m", random.nextBoolean());
                case 4 -> document.append("m", Date.from(EPOCH.plusSeconds(random.nextInt(5) * 1000L)));
                case 5 -> document.append("m", null);
                case 6 -> document.append("m", new Document("k", random.nextInt(3)));
                default -> {}
            }
            documents.add(document);
        }
        return documents;
    }

    /**
     * A query to run on both collections. {@code maxExamined}: how many documents the indexed collection may read
     * for it; {@link #BOUNDED} for "a few times the answer, and clearly fewer than a scan", {@link #UNCHECKED} for
     * shapes an index cannot bound (those still have to answer the same).
     */
    private record Shape(String name, Bson filter, Bson sort, int skip, int limit, int maxExamined) {
        List<Document> run(MongoCollection<Document> collection) {
            List<Document> found = new ArrayList<>();
            var find = collection.find(filter);
            if (sort != null) {
                find = find.sort(sort);
            }
            find.skip(skip).limit(limit).forEach(found::add);
            if (sort == null) {
                found.sort(Comparator.comparing(document -> String.valueOf(document.get("_id"))));
            }
            return found;
        }
    }

    private static final int BOUNDED = -1;
    private static final int UNCHECKED = -2;

    private static Shape served(String name, Bson filter) {
        return new Shape(name, filter, null, 0, 0, BOUNDED);
    }

    private static Shape unbounded(String name, Bson filter) {
        return new Shape(name, filter, null, 0, 0, UNCHECKED);
    }

    private static Shape sorted(String name, Bson filter, Bson sort, int skip, int limit, int maxExamined) {
        return new Shape(name, filter, sort, skip, limit, maxExamined);
    }

    private static List<Shape> shapes(Random random) {
        List<Shape> shapes = new ArrayList<>();
        Date from = Date.from(EPOCH.plusSeconds(40_000));
        Date to = Date.from(EPOCH.plusSeconds(45_000));
        shapes.add(served("n = 7", Filters.eq("n", 7)));
        shapes.add(served("n = 7.0 (any numeric type)", Filters.eq("n", 7.0)));
        shapes.add(served("n = 7L", Filters.eq("n", 7L)));
        shapes.add(served("n = text-3", Filters.eq("n", "text-3")));
        shapes.add(unbounded("n = null (null or missing)", Filters.eq("n", null)));
        shapes.add(served("n in [1, 2.5, text-1, 5000000000.5]", Filters.in("n", 1, 2.5, "text-1", 5_000_000_000.5)));
        shapes.add(served("n in []", Filters.in("n", List.of())));
        shapes.add(unbounded(
                "n > 10 and n <= 20 (two conditions: n may hold arrays)",
                Filters.and(Filters.gt("n", 10), Filters.lte("n", 20))));
        shapes.add(
                served("n >= 10 < 20 in one condition", new Document("n", new Document("$gte", 10).append("$lt", 20))));
        shapes.add(served("n < -10.25", Filters.lt("n", -10.25)));
        shapes.add(served(
                "n <= 5000000000 (a fraction above is equal to the matcher)",
                new Document("n", new Document("$lte", 5_000_000_000L).append("$gte", 4_999_999_999L))));
        shapes.add(unbounded(
                "n <= 5000000000 and n >= 4999999999 (two conditions: n may hold arrays)",
                Filters.and(Filters.lte("n", 5_000_000_000L), Filters.gte("n", 4_999_999_999L))));
        shapes.add(served("n > text-15 (strings only)", Filters.gt("n", "text-15")));
        shapes.add(served("n $eq 3", Filters.eq("n", new Document("$eq", 3))));
        shapes.add(served("m = 3 (scalars of every type, no arrays)", Filters.eq("m", 3)));
        shapes.add(served("m = 3.5", Filters.eq("m", 3.5)));
        shapes.add(served("m = m2", Filters.eq("m", "m2")));
        shapes.add(served("m = true", Filters.eq("m", true)));
        shapes.add(served("m = {k: 1}", Filters.eq("m", new Document("k", 1))));
        shapes.add(served("m in [1, m1, false, null]", Filters.in("m", 1, "m1", false, null)));
        shapes.add(unbounded("m = null", Filters.eq("m", null)));
        shapes.add(served("m > m2 (strings only)", Filters.gt("m", "m2")));
        shapes.add(served(
                "m >= m1 and m < m3 (two conditions)", Filters.and(Filters.gte("m", "m1"), Filters.lt("m", "m3"))));
        shapes.add(served("m <= a date", Filters.lte("m", Date.from(EPOCH.plusSeconds(2000)))));
        shapes.add(served("m > false", Filters.gt("m", false)));
        shapes.add(served("m >= 2 (numbers only)", Filters.gte("m", 2)));
        shapes.add(served("m = 3 and m >= 2", Filters.and(Filters.eq("m", 3), Filters.gte("m", 2))));
        shapes.add(served("m in [1, 2] and u < 300", Filters.and(Filters.in("m", 1, 2), Filters.lt("u", 300))));
        shapes.add(served("s = s3", Filters.eq("s", "s3")));
        shapes.add(served("s >= s2 and s < s3", Filters.and(Filters.gte("s", "s2"), Filters.lt("s", "s3"))));
        shapes.add(served("s > Zürich-3", Filters.gt("s", "Zürich-3")));
        shapes.add(served("g = '' and s prefix range", Filters.and(Filters.eq("g", ""), Filters.gte("s", "s1"))));
        shapes.add(served("tags = t3 (multikey)", Filters.eq("tags", "t3")));
        shapes.add(served("tags in [t1, t9]", Filters.in("tags", "t1", "t9")));
        shapes.add(served("tags >= t8", Filters.gte("tags", "t8")));
        shapes.add(unbounded(
                "tags >= t2 and tags <= t3 (two conditions, each element may meet one)",
                Filters.and(Filters.gte("tags", "t2"), Filters.lte("tags", "t3"))));
        shapes.add(served(
                "sub = {k: k4, v: 4} (element of an array of documents)",
                Filters.eq("sub", new Document("k", "k4").append("v", 4))));
        shapes.add(served("nested.x = 3", Filters.eq("nested.x", 3)));
        shapes.add(served(
                "nested.x in [1, 2] and n exists", Filters.and(Filters.in("nested.x", 1, 2), Filters.exists("n"))));
        shapes.add(served("sp = 3 (sparse)", Filters.eq("sp", 3)));
        shapes.add(unbounded("sp = null (not from the sparse index)", Filters.eq("sp", null)));
        shapes.add(served("sp > 5 (sparse)", Filters.gt("sp", 5)));
        shapes.add(served("u = 17 (unique)", Filters.eq("u", 17)));
        shapes.add(served("u in [3, 300, 9999]", Filters.in("u", 3, 300, 9999)));
        shapes.add(served("_id = doc-5 and u = 5", Filters.and(Filters.eq("_id", "doc-5"), Filters.eq("u", 5))));
        shapes.add(served(
                "_id in [...] and g",
                Filters.and(Filters.in("_id", "doc-1", "doc-2", "doc-3", "nope"), Filters.ne("g", "x"))));
        shapes.add(served(
                "g = SHIPPED and d in range",
                Filters.and(Filters.eq("g", "SHIPPED"), Filters.gte("d", from), Filters.lt("d", to))));
        shapes.add(served("(g, s) compound prefix", Filters.and(Filters.eq("g", "PLACED"), Filters.eq("s", "s4"))));
        shapes.add(served(
                "(g, s, u) full key",
                Filters.and(Filters.eq("g", "PLACED"), Filters.eq("s", "s4"), Filters.gt("u", 100))));
        shapes.add(served(
                "g in [...] and s range",
                Filters.and(Filters.in("g", "PLACED", "é-ñ"), Filters.gte("s", "s2"), Filters.lte("s", "s5"))));
        shapes.add(served(
                "$or of two bounded branches",
                Filters.or(Filters.and(Filters.eq("g", "CONFIRMED"), Filters.lte("d", from)), Filters.eq("n", 4))));
        shapes.add(unbounded("$or with an unbounded branch", Filters.or(Filters.eq("n", 4), Filters.exists("sp"))));
        shapes.add(served("d in range (descending index)", Filters.and(Filters.gt("d", from), Filters.lte("d", to))));
        shapes.add(sorted(
                "g = CONFIRMED sorted by d desc, _id desc, page 2",
                Filters.eq("g", "CONFIRMED"),
                Sorts.descending("d", "_id"),
                10,
                10,
                20));
        shapes.add(sorted(
                "g = CONFIRMED sorted by d asc, _id asc (walked backwards)",
                Filters.eq("g", "CONFIRMED"),
                Sorts.ascending("d", "_id"),
                0,
                15,
                15));
        shapes.add(sorted(
                "g and d range sorted by d desc",
                Filters.and(Filters.eq("g", "PLACED"), Filters.lt("d", to)),
                Sorts.orderBy(Sorts.descending("d"), Sorts.descending("_id")),
                0,
                5,
                5));
        shapes.add(sorted(
                "everything sorted by d desc, u (index walk, first page)",
                new Document(),
                Sorts.orderBy(Sorts.descending("d"), Sorts.ascending("u")),
                0,
                20,
                20));
        shapes.add(sorted(
                "everything sorted by d asc, u desc (walked backwards)",
                new Document(),
                Sorts.orderBy(Sorts.ascending("d"), Sorts.descending("u")),
                5,
                20,
                25));
        shapes.add(sorted(
                "n range sorted by u (sorted in memory)", Filters.gte("n", 40), Sorts.ascending("u"), 0, 0, BOUNDED));
        shapes.add(sorted(
                "sp > 2 sorted by sp, u (sparse, sorted in memory)",
                Filters.gt("sp", 2),
                Sorts.orderBy(Sorts.ascending("sp"), Sorts.ascending("u")),
                0,
                7,
                DOCUMENTS / 2));
        shapes.add(sorted(
                "everything sorted by sp, u (a sparse index cannot walk)",
                new Document(),
                Sorts.orderBy(Sorts.ascending("sp"), Sorts.ascending("u")),
                0,
                30,
                UNCHECKED));
        shapes.add(
                sorted("tags = t2 sorted by u desc", Filters.eq("tags", "t2"), Sorts.descending("u"), 0, 0, BOUNDED));
        for (int i = 0; i < 40; i++) {
            int low = random.nextInt(60) - 5;
            Bson filter = switch (i % 4) {
                case 0 -> Filters.and(Filters.gte("n", low), Filters.lt("n", low + random.nextInt(15)));
                case 1 ->
                    Filters.and(
                            Filters.eq("g", GROUPS[random.nextInt(GROUPS.length)]),
                            Filters.gte("d", Date.from(EPOCH.plusSeconds(random.nextInt(100_000)))));
                case 2 -> Filters.in("tags", "t" + random.nextInt(10), "t" + random.nextInt(10));
                default -> Filters.and(Filters.gt("u", low * 10), Filters.lte("u", low * 10 + 20));
            };
            // without a sort, which documents make a page is up to the store (as on MongoDB): only sorted pages
            boolean sort = i % 2 == 1;
            shapes.add(sorted(
                    "random " + i + ": " + filter,
                    filter,
                    sort ? Sorts.descending("u") : null,
                    0,
                    sort && i % 3 != 0 ? 5 : 0,
                    UNCHECKED));
        }
        return shapes;
    }

    /** The same documents for another insert (the driver leaves documents that have an _id as they are). */
    private static List<Document> copies(List<Document> documents) {
        return new ArrayList<>(documents);
    }

    private static List<Object> ids(List<Document> documents) {
        return documents.stream().map(document -> document.get("_id")).toList();
    }

    // ------------------------------------------------------------------------------------------- sparse, unique

    @Test
    void uniqueAndSparseIndexesKeepMongoSemantics() {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(folder.resolve("unique.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> codes = client.getDatabase(DB).getCollection("codes");
            codes.createIndex(
                    Indexes.ascending("code"), new IndexOptions().unique(true).name("code_unique"));
            codes.createIndex(
                    Indexes.ascending("ref"), new IndexOptions().unique(true).sparse(true));
            codes.createIndex(
                    Indexes.ascending("a", "b"),
                    new IndexOptions().unique(true).sparse(true).name("a_b"));
            codes.insertOne(
                    new Document("_id", 1).append("code", "A").append("a", 1).append("b", 1));
            codes.insertOne(
                    new Document("_id", 2).append("code", "B").append("a", 1).append("b", 2));

            assertThatThrownBy(() -> codes.insertOne(new Document("_id", 3).append("code", "A")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                        assertThat(e.getError().getCode()).isEqualTo(11000);
                        assertThat(e.getError().getMessage())
                                .contains("code_unique")
                                .contains("code: \"A\"");
                    });
            assertThatThrownBy(() -> codes.insertOne(new Document("_id", 4)
                            .append("code", "C")
                            .append("a", 1.0)
                            .append("b", 2L)))
                    .as("1.0 and 2L are the same key as 1 and 2")
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            assertThatThrownBy(() -> codes.updateOne(Filters.eq("_id", 2), Updates.set("code", "A")))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            codes.updateOne(Filters.eq("_id", 2), Updates.set("code", "B2"));
            codes.insertOne(new Document("_id", 5).append("code", "B"));

            // ref is sparse: any number of documents without it; a value only once
            codes.insertOne(new Document("_id", 6).append("code", "D").append("ref", "r1"));
            assertThatThrownBy(() -> codes.insertOne(
                            new Document("_id", 7).append("code", "E").append("ref", "r1")))
                    .isInstanceOf(MongoWriteException.class);
            // code is not sparse: a second document without it is a duplicate null
            codes.insertOne(new Document("_id", 8));
            assertThatThrownBy(() -> codes.insertOne(new Document("_id", 9)))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getMessage()).contains("code_unique"));

            assertThat(codes.find(Filters.eq("code", "B"))
                            .map(d -> d.get("_id"))
                            .into(new ArrayList<>()))
                    .containsExactly(5);
            assertThat(codes.find(Filters.eq("code", null))
                            .map(d -> d.get("_id"))
                            .into(new ArrayList<>()))
                    .containsExactly(8);
            assertThat(codes.find(Filters.eq("ref", null))
                            .map(d -> d.get("_id"))
                            .into(new ArrayList<>()))
                    .as("documents without ref are not in the sparse index but match ref = null")
                    .containsExactlyInAnyOrder(1, 2, 5, 8);
            codes.deleteOne(Filters.eq("code", "A"));
            codes.insertOne(new Document("_id", 10).append("code", "A"));
            assertThat(codes.countDocuments(Filters.eq("code", "A"))).isOne();

            // an index declared on documents that break it is not created
            codes.insertOne(new Document("_id", 11).append("code", "Z").append("twin", 1));
            codes.insertOne(new Document("_id", 12).append("code", "Y").append("twin", 1));
            try (CapturedLog wire = CapturedLog.of("de.bwaldvogel.mongo.wire.MongoWireProtocolHandler")) {
                assertThatThrownBy(() -> codes.createIndex(
                                Indexes.ascending("twin"),
                                new IndexOptions().unique(true).sparse(true)))
                        .isInstanceOfSatisfying(MongoServerException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(11000);
                            assertThat(e.getMessage()).contains("twin: 1");
                        });
                assertThat(wire.messages())
                        .as("the store reports the refused index")
                        .singleElement()
                        .asString()
                        .startsWith("failed to handle");
            }
            assertThat(indexNames(client.getDatabase(DB), "codes")).doesNotContain("twin_1");
            codes.insertOne(new Document("_id", 13).append("code", "X").append("twin", 1));
        }
    }

    // ------------------------------------------------------------------------------------------- persistence

    @Test
    void indexesSurviveACloseAndAreRebuiltWhenTheirMapIsMissing() {
        Path file = folder.resolve("reopen.mv");
        Bson query = Filters.and(Filters.eq("g", "SHIPPED"), Filters.gte("d", Date.from(EPOCH.plusSeconds(50_000))));
        Bson sort = Sorts.descending("d", "_id");
        List<Document> documents = randomDocuments(new Random(3), DOCUMENTS);
        List<Document> expected;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase(DB).getCollection("kept");
            declareShapeIndexes(collection);
            collection.insertMany(copies(documents));
            expected = collection.find(query).sort(sort).into(new ArrayList<>());
            assertThat(expected).isNotEmpty();
        }

        // reopened: served from the file, nothing rebuilt
        reopen(file, (store, collection) -> {
            assertThat(store.indexBuilds()).isZero();
            long before = store.examinedDocuments(DB, "kept");
            assertThat(collection.find(query).sort(sort).into(new ArrayList<>()))
                    .isEqualTo(expected);
            assertThat(store.examinedDocuments(DB, "kept") - before).isEqualTo(expected.size());
        });

        // the map of one index is gone (from a file otherwise closed cleanly: the close record is kept up to
        // date): that index is rebuilt, the others are used as they are
        try (MVStore raw = MVStore.open(file.toString())) {
            String map = DB + ".kept.$idx.g_1_d_-1__id_-1";
            assertThat(raw.hasMap(map)).isTrue();
            raw.removeMap(map);
            raw.commit();
            raw.<String, Object>openMap("$orderengine.indexes").put("clean-close-version", raw.getCurrentVersion() + 1);
        }
        reopen(file, (store, collection) -> {
            assertThat(store.indexBuilds()).isOne();
            long before = store.examinedDocuments(DB, "kept");
            assertThat(collection.find(query).sort(sort).into(new ArrayList<>()))
                    .isEqualTo(expected);
            assertThat(store.examinedDocuments(DB, "kept") - before).isEqualTo(expected.size());
        });

        // a build from before the documents were kept as BSON (here mongo-java-server's plain H2 backend) cannot
        // open the file: it fails while opening the collections, before it writes anything, and the file opens
        // as before afterwards (a downgrade needs the backup taken before the upgrade: docs/operations.md)
        MVStore raw = MVStore.open(file.toString());
        try {
            assertThatThrownBy(() -> new H2Backend(raw))
                    .isInstanceOf(MVStoreException.class)
                    .hasMessageContaining("Unsupported type");
        } finally {
            raw.closeImmediately();
        }
        reopen(file, (store, collection) -> {
            assertThat(store.indexBuilds()).isZero();
            assertThat(collection.find(query).sort(sort).into(new ArrayList<>()))
                    .isEqualTo(expected);
        });
    }

    @Test
    void aStoreThatWasNotClosedRebuildsItsIndexes() {
        Path file = folder.resolve("crash.mv");
        IndexedH2Backend backend = new IndexedH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server))) {
            MongoCollection<Document> collection = client.getDatabase(DB).getCollection("crashed");
            collection.createIndex(Indexes.ascending("u"));
            collection.insertMany(copies(randomDocuments(new Random(5), 50)));
            backend.commit();
        }
        backend.getMvStore().closeImmediately();
        server.shutdownNow();

        IndexedH2Backend reopened = new IndexedH2Backend(file.toString());
        try {
            assertThat(reopened.indexBuilds()).as("u and the primary key").isEqualTo(2);
        } finally {
            reopened.close();
        }
        IndexedH2Backend again = new IndexedH2Backend(file.toString());
        try {
            assertThat(again.indexBuilds()).as("after the clean close").isZero();
        } finally {
            again.close();
        }
    }

    private static String hostAndPort(MongoServer server) {
        var address = server.bind();
        return address.getHostString() + ":" + address.getPort();
    }

    private interface StoreCheck {
        void check(EmbeddedMongoStore store, MongoCollection<Document> collection);
    }

    private static void reopen(Path file, StoreCheck check) {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            check.check(store, client.getDatabase(DB).getCollection("kept"));
        }
    }
}
