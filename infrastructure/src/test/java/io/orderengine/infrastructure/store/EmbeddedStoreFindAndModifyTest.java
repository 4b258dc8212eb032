package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's {@code findOneAndUpdate} answers with the document as its own update left it, as MongoDB does:
 * concurrent {@code $inc} calls on one counter each read back a different value, every value once.
 */
class EmbeddedStoreFindAndModifyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 100;

    @TempDir
    Path folder;

    @Test
    void concurrentIncrementsEachReadBackTheirOwnValue() throws Exception {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(folder.resolve("counters.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> counters = client.getDatabase("counters").getCollection("counters");
            ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < PER_THREAD; i++) {
                                Document after = counters.findOneAndUpdate(
                                        Filters.eq("_id", "2026-12-05"),
                                        Updates.inc("seq", 1L),
                                        new FindOneAndUpdateOptions()
                                                .upsert(true)
                                                .returnDocument(ReturnDocument.AFTER));
                                seen.add(((Number) after.get("seq")).longValue());
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            pool.shutdown();

            assertThat(seen)
                    .as("values read back by %d concurrent increments", THREADS * PER_THREAD)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, (long) THREADS * PER_THREAD)
                            .boxed()
                            .toList());
        }
    }

    @Test
    void aReaderNeverSeesADocumentHalfUpdated() throws Exception {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(folder.resolve("torn.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("torn").getCollection("orders");
            String padding = "x".repeat(2_000);
            orders.insertOne(new Document("_id", "order-1")
                    .append("a", 0L)
                    .append("pad", padding)
                    .append("b", 0L));
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<CompletableFuture<Void>> readers = new ArrayList<>();
            for (int r = 0; r < THREADS - 1; r++) {
                readers.add(CompletableFuture.runAsync(
                        () -> {
                            while (writing.get() && torn.size() < 10) {
                                Document read = orders.find(Filters.eq("_id", "order-1"))
                                        .first();
                                if (!read.get("a").equals(read.get("b"))) {
                                    torn.add("a=" + read.get("a") + " b=" + read.get("b"));
                                }
                            }
                        },
                        pool));
            }
            for (long version = 1; version <= 1_000 && torn.size() < 10; version++) {
                orders.updateOne(
                        Filters.eq("_id", "order-1"),
                        Updates.combine(Updates.set("a", version), Updates.set("b", version)));
            }
            writing.set(false);
            CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            pool.shutdown();

            assertThat(torn)
                    .as("documents read with a and b from different updates")
                    .isEmpty();
        }
    }
}
