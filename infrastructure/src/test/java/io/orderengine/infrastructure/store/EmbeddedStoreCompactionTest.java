package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose file is mostly old versions (every acknowledged write commits a new chunk) is compacted when it opens:
 * the file shrinks, and every document, its latest value and the indexes are as they were. A file that is mostly
 * live, or small, is left as it is.
 */
class EmbeddedStoreCompactionTest {

    private static final int DOCUMENTS = 100;
    private static final int VERSIONS = 40;
    /** Events with random ids per commit, in the engine-like churn: enough that most chunks keep one. */
    private static final int EVENTS_PER_COMMIT = 20;

    private static final String PADDING = "x".repeat(2_000);

    @TempDir
    Path folder;

    @Test
    void aFileOfMostlyOldVersionsShrinksWhenTheStoreOpensAndKeepsEveryDocumentAndIndex() throws Exception {
        Path file = folder.resolve("churn.mv");
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            churn(client.getDatabase("compaction").getCollection("orders"));
        }
        long churned = Files.size(file);
        try (MVStore raw =
                new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(StoreCompaction.liveShare(raw))
                    .as("the churned file is mostly old versions")
                    .isLessThan(StoreCompaction.BELOW_LIVE_SHARE);
        }
        assertThat(churned).isGreaterThan(StoreCompaction.MIN_BYTES);

        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            assertThat(Files.size(file))
                    .as("the file after the compaction at open, against %d bytes before", churned)
                    .isLessThan(churned / 2);
            MongoCollection<Document> orders = client.getDatabase("compaction").getCollection("orders");
            assertThat(orders.countDocuments()).isEqualTo(DOCUMENTS);
            for (int i = 0; i < DOCUMENTS; i++) {
                Document order = orders.find(Filters.eq("_id", "order-" + i)).first();
                assertThat(order).isNotNull();
                assertThat(order.getInteger("version")).isEqualTo(VERSIONS);
                assertThat(order.getString("padding")).isEqualTo(PADDING + VERSIONS);
            }
            List<String> confirmed = new ArrayList<>();
            orders.find(Filters.eq("status", "CONFIRMED"))
                    .sort(Sorts.descending("version"))
                    .forEach(d -> confirmed.add(d.getString("_id")));
            assertThat(confirmed).hasSize(DOCUMENTS / 2).allMatch(id -> Integer.parseInt(id.substring(6)) % 2 == 0);
            long writesBefore = store.acknowledgedWrites();
            orders.insertOne(new Document("_id", "after-compaction").append("status", "PLACED"));
            assertThat(store.acknowledgedWrites()).isEqualTo(writesBefore + 1);
        }
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            assertThat(client.getDatabase("compaction").getCollection("orders").countDocuments())
                    .as("a write after the compaction is there after the next open")
                    .isEqualTo(DOCUMENTS + 1);
        }
    }

    /**
     * The engine's own pattern: every commit also writes something that stays (an event with a random id lands in a
     * leaf page of its own map that no later write rewrites), so no old chunk ever becomes wholly unused and the file
     * counts as almost fully used, while nearly all of what the chunks hold is old versions. The engine's 1,800-order
     * store was 1,110 MB with its blocks 95 % used and 2 % of its chunks' bytes live; it was never compacted.
     */
    @Test
    void aFileWhoseChunksEachKeepALittleLiveDataIsCompactedWhenTheStoreOpens() throws Exception {
        Path file = folder.resolve("engine-like.mv");
        List<String> kept = new ArrayList<>();
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("compaction").getCollection("orders");
            for (int round = 1; round <= 400; round++) {
                List<WriteModel<Document>> oneCommit = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String id = "order-" + ((round * 20 + i) % DOCUMENTS);
                    oneCommit.add(new ReplaceOneModel<>(
                            Filters.eq("_id", id),
                            new Document("_id", id).append("padding", PADDING + round),
                            new ReplaceOptions().upsert(true)));
                }
                for (int e = 0; e < EVENTS_PER_COMMIT; e++) {
                    String event = UUID.randomUUID().toString();
                    kept.add(event);
                    oneCommit.add(new UpdateOneModel<>(
                            Filters.eq("_id", event), Updates.set("round", round), new UpdateOptions().upsert(true)));
                }
                orders.bulkWrite(oneCommit);
            }
        }
        long churned = Files.size(file);
        assertThat(churned).isGreaterThan(StoreCompaction.MIN_BYTES);
        try (MVStore raw =
                new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(raw.getFillRate())
                    .as("no chunk became unused: the file's blocks count as used")
                    .isGreaterThanOrEqualTo(StoreCompaction.BELOW_LIVE_SHARE);
            assertThat(StoreCompaction.liveShare(raw))
                    .as("but little of it is live")
                    .isLessThan(StoreCompaction.BELOW_LIVE_SHARE);
        }

        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            assertThat(Files.size(file))
                    .as("the file after the compaction at open, against %d bytes before", churned)
                    .isLessThan(churned / 2);
            MongoCollection<Document> orders = client.getDatabase("compaction").getCollection("orders");
            assertThat(orders.countDocuments()).isEqualTo(DOCUMENTS + kept.size());
            assertThat(orders.find(Filters.eq("_id", kept.get(123))).first().getInteger("round"))
                    .isEqualTo(123 / EVENTS_PER_COMMIT + 1);
            assertThat(orders.find(Filters.eq("_id", "order-7")).first().getString("padding"))
                    .isEqualTo(PADDING + 400);
        }
    }

    /** Writes {@link #DOCUMENTS} documents {@link #VERSIONS} times each, a commit per write; half end CONFIRMED. */
    private static void churn(MongoCollection<Document> orders) {
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("version")));
        for (int version = 1; version <= VERSIONS; version++) {
            for (int i = 0; i < DOCUMENTS; i++) {
                Document order = new Document("_id", "order-" + i)
                        .append("status", version == VERSIONS && i % 2 == 0 ? "CONFIRMED" : "PLACED")
                        .append("version", version)
                        .append("padding", PADDING + version);
                orders.replaceOne(Filters.eq("_id", order.get("_id")), order, new ReplaceOptions().upsert(true));
            }
        }
    }

    @Test
    void whileTheEngineRunsASliceIsCompactedOnlyAfterAQuietInterval() throws Exception {
        Path file = folder.resolve("running.mv");
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("compaction").getCollection("orders");
            churn(orders);
            long churned = Files.size(file);
            assertThat(churned).isGreaterThan(StoreCompaction.MIN_BYTES);
            // the chunks freed by the churn count as garbage now, not 45 s later (the engine looks a minute after the
            // last write, past the retention time)
            store.mvStore().setRetentionTime(0);
            QuietCompaction compaction = store.quietCompaction();

            assertThat(compaction.look()).as("the first look").isNull();
            for (int i = 0; i <= QuietCompaction.QUIET_WRITES; i++) {
                orders.insertOne(new Document("_id", "between-looks-" + i).append("status", "PLACED"));
            }
            assertThat(compaction.look())
                    .as("more writes since the previous look than a quiet one has")
                    .isNull();
            assertThat(Files.size(file)).isGreaterThanOrEqualTo(churned);

            StoreCompaction.Result slice = null;
            for (int look = 0; look < 10 && Files.size(file) >= churned / 2; look++) {
                slice = compaction.look();
                assertThat(slice).as("no write since the previous look").isNotNull();
                assertThat(slice.compacted()).isTrue();
            }
            assertThat(Files.size(file))
                    .as("the file after quiet looks, against %d bytes before", churned)
                    .isLessThan(churned / 2);
            assertThat(store.mvStore().getRetentionTime()).isZero();
            assertThat(orders.countDocuments()).isEqualTo(DOCUMENTS + QuietCompaction.QUIET_WRITES + 1);
            assertThat(orders.find(Filters.eq("_id", "order-7")).first().getInteger("version"))
                    .isEqualTo(VERSIONS);
            assertThat(orders.countDocuments(Filters.eq("status", "CONFIRMED"))).isEqualTo(DOCUMENTS / 2);
        }
    }

    @Test
    void afterASliceThatGivesNothingBackQuietLooksAreSkippedTwiceAsLongEachTimeOrUntilTheFileHasGrown() {
        AtomicLong writes = new AtomicLong();
        AtomicLong size = new AtomicLong(40L << 20);
        AtomicLong givesBack = new AtomicLong();
        List<Integer> slicedAtLook = new ArrayList<>();
        AtomicInteger look = new AtomicInteger();
        try (MVStore store = MVStore.open(null);
                QuietCompaction compaction =
                        QuietCompaction.start(store, writes::get, Duration.ofHours(1), size::get, () -> {
                            slicedAtLook.add(look.get());
                            long before = size.get();
                            size.addAndGet(-givesBack.get());
                            return new StoreCompaction.Result(true, before, 10, size.get(), 10);
                        })) {
            assertThat(compaction.look()).as("the first look").isNull();
            for (int i = 1; i <= 8; i++) {
                look.set(i);
                writes.addAndGet(QuietCompaction.QUIET_WRITES);
                compaction.look();
            }
            assertThat(slicedAtLook)
                    .as(
                            "a few writes still count as quiet; after each slice that gives nothing back, 1, 2, 4 looks skipped")
                    .containsExactly(1, 3, 6);

            look.set(9);
            writes.addAndGet(QuietCompaction.QUIET_WRITES + 1);
            assertThat(compaction.look())
                    .as("more writes than a quiet minute has")
                    .isNull();
            look.set(10);
            size.addAndGet(StoreCompaction.MIN_BYTES);
            givesBack.set(20L << 20);
            assertThat(compaction.look())
                    .as("the file grew by the minimum size: no more skips")
                    .isNotNull();
            look.set(11);
            assertThat(compaction.look())
                    .as("that slice gave bytes back: the next quiet look goes on")
                    .isNotNull();
            givesBack.set(0);
            for (int i = 12; i <= 14; i++) {
                look.set(i);
                compaction.look();
            }
            assertThat(slicedAtLook)
                    .as("after a slice that gave bytes back, the skips start again from one")
                    .containsExactly(1, 3, 6, 10, 11, 12, 14);
        }
    }

    @Test
    void aMostlyLiveFileOrASmallOneIsLeftAsItIs() {
        Path file = folder.resolve("dense.mv");
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            var map = store.<Integer, String>openMap("data");
            for (int i = 0; i < 2_000; i++) {
                map.put(i, PADDING + i);
            }
            store.commit();
            StoreCompaction.Result small = StoreCompaction.compactIfSparse(store);
            assertThat(small.compacted()).as("under the minimum size").isFalse();
            StoreCompaction.Result dense =
                    StoreCompaction.compactIfSparse(store, StoreCompaction.BELOW_LIVE_SHARE, 0, 1_000);
            assertThat(dense.liveBefore()).isGreaterThanOrEqualTo(StoreCompaction.BELOW_LIVE_SHARE);
            assertThat(dense.compacted()).as("mostly live").isFalse();
            assertThat(dense.bytesAfter()).isEqualTo(dense.bytesBefore());

            for (int round = 0; round < 30; round++) {
                for (int i = 0; i < 2_000; i += 10) {
                    map.put(i, PADDING + round);
                }
                store.commit();
            }
            int retention = store.getRetentionTime();
            // a threshold above 100 % compacts whatever the fill rate
            StoreCompaction.Result forced = StoreCompaction.compactIfSparse(store, 101, 0, 10_000);
            assertThat(forced.compacted()).isTrue();
            assertThat(store.getRetentionTime())
                    .as("the retention time MVStore zeroes for a compaction is set back")
                    .isEqualTo(retention);
            assertThat(map.get(10)).isEqualTo(PADDING + 29);
            assertThat(map.get(11)).isEqualTo(PADDING + 11);
        }
    }
}
