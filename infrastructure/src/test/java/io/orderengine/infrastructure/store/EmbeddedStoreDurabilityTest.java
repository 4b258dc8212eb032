package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's group commit keeps the durability promise: every write the server acknowledged is in the
 * file after the process is killed with SIGKILL (no shutdown, no flush), while concurrent writers share commits.
 */
class EmbeddedStoreDurabilityTest {

    private static final int ACKS_BEFORE_KILL = 1_500;

    @TempDir
    Path folder;

    @Test
    void concurrentWritersShareCommitsAndEveryWriteIsThereAfterAReopen() throws Exception {
        Path file = folder.resolve("shared.mv");
        int writers = 16;
        int perWriter = 150;
        long writes;
        long commits;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> collection =
                    client.getDatabase("durability").getCollection("shared");
            collection.insertOne(new Document("_id", "warm-up"));
            long writesBefore = store.acknowledgedWrites();
            long commitsBefore = store.groupCommits();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < perWriter; i++) {
                                collection.insertOne(new Document("_id", writer + "-" + i));
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            pool.shutdown();
            writes = store.acknowledgedWrites() - writesBefore;
            commits = store.groupCommits() - commitsBefore;
        }
        assertThat(writes).isEqualTo((long) writers * perWriter);
        assertThat(commits)
                .as("commits for %d concurrent writes", writes)
                .isPositive()
                .isLessThan(writes);

        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> collection =
                    client.getDatabase("durability").getCollection("shared");
            assertThat(collection.countDocuments()).isEqualTo(writes + 1);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillDuringConcurrentWrites() throws Exception {
        Path file = folder.resolve("killed.mv");
        Set<String> acknowledged = new HashSet<>();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classPath(),
                        StoreWriters.class.getName(),
                        file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acknowledged.add(line.substring("acked ".length()));
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } catch (IOException e) {
            child.destroyForcibly();
            throw e;
        }
        assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);

        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> writes =
                    client.getDatabase(StoreWriters.DATABASE).getCollection(StoreWriters.COLLECTION);
            Set<String> present = new HashSet<>();
            writes.find(Filters.in("_id", acknowledged)).forEach(document -> present.add(document.getString("_id")));
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(present);
            assertThat(lost).as("acknowledged writes missing after the kill").isEmpty();
        }
    }

    @Test
    void aPositionUpdateIsAnsweredWithoutACommitAndIsOnDiskAfterTheNextCommitOrTheBackgroundOne() throws Exception {
        Path file = folder.resolve("positions.mv");
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> positions =
                    client.getDatabase("durability").getCollection(DurableH2Backend.POSITIONS);
            MongoCollection<Document> orders = client.getDatabase("durability").getCollection("orders");
            positions.insertOne(new Document("_id", "order-detail/0").append("index", 0));

            long commits = store.groupCommits();
            long writes = store.acknowledgedWrites();
            positions.updateOne(Filters.eq("_id", "order-detail/0"), Updates.set("index", 1));
            assertThat(store.groupCommits()).as("commits for a position update").isEqualTo(commits);
            assertThat(store.acknowledgedWrites()).isEqualTo(writes + 1);

            orders.insertOne(new Document("_id", "order-1"));
            assertThat(store.groupCommits()).as("commits for an order").isEqualTo(commits + 1);
            assertThat(positionOnDisk(file, "copy-after-next-commit.mv")).isEqualTo(1);

            positions.updateOne(Filters.eq("_id", "order-detail/0"), Updates.set("index", 2));
            // waits for what is on disk, the property under test, instead of MVStore's hasUnsavedChanges(): once (in
            // a full module run) a copy taken as soon as that said false still had 1; 80 runs in a row, 40 of them
            // on a loaded machine, did not repeat it, so the gap between the two is narrow but there
            AtomicInteger copies = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            positionOnDisk(file, "copy-after-background-commit-" + copies.incrementAndGet() + ".mv")
                                    == 2);
            assertThat(store.groupCommits()).as("no commit of the engine's own").isEqualTo(commits + 1);
        }
    }

    /** The position as a crash now would leave it: a copy of the open file (what is on disk), opened as a store. */
    private int positionOnDisk(Path file, String copyName) throws IOException {
        Path copy = Files.copy(file, folder.resolve(copyName));
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(copy, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            return client.getDatabase("durability")
                    .getCollection(DurableH2Backend.POSITIONS)
                    .find(Filters.eq("_id", "order-detail/0"))
                    .first()
                    .getInteger("index");
        }
    }

    /** Surefire runs tests from a manifest-only jar; the real test class path is in surefire.test.class.path. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
