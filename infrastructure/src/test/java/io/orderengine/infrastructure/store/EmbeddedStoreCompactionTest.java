package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            assertThat(raw.getFillRate())
                    .as("the churned file is mostly old versions")
                    .isLessThan(StoreCompaction.BELOW_FILL_RATE);
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
    void whileTheEngineRunsASliceIsCompactedOnlyAfterAnIntervalWithoutWrites() throws Exception {
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

            assertThat(compaction.look()).as("writes since the previous look").isNull();
            orders.insertOne(new Document("_id", "between-looks").append("status", "PLACED"));
            assertThat(compaction.look()).as("a write since the previous look").isNull();
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
            assertThat(orders.countDocuments()).isEqualTo(DOCUMENTS + 1);
            assertThat(orders.find(Filters.eq("_id", "order-7")).first().getInteger("version"))
                    .isEqualTo(VERSIONS);
            assertThat(orders.countDocuments(Filters.eq("status", "CONFIRMED"))).isEqualTo(DOCUMENTS / 2);
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
                    StoreCompaction.compactIfSparse(store, StoreCompaction.BELOW_FILL_RATE, 0, 1_000);
            assertThat(dense.fillRateBefore()).isGreaterThanOrEqualTo(StoreCompaction.BELOW_FILL_RATE);
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
