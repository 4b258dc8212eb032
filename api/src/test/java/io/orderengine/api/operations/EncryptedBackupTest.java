package io.orderengine.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.infrastructure.store.EmbeddedMongoStore;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted backups and the offline check of the event log with the operators' scripts: {@code backup.sh --key-file}
 * writes an encrypted backup, {@code verify-event-log.sh} verifies its chain without an engine (and refuses without the
 * key), {@code restore.sh} decrypts, verifies and restores it byte for byte; a backup of a store whose stored event was
 * edited is reported broken at that event's position and not restored.
 */
class EncryptedBackupTest {

    @TempDir
    Path folder;

    @Test
    void anEncryptedBackupVerifiesOfflineAndRestoresAndATamperedOneIsRefused() throws Exception {
        Map<String, Object> properties = TestStore.fresh(folder.resolve("original"));
        properties.put("engine.store.uri", "");
        properties.put("engine.event-log.seal-interval", "200ms");
        properties.put("engine.event-log.settle", "300ms");
        String database = (String) properties.get("engine.store.database");
        Path original = Path.of((String) properties.get("engine.store.embedded-path"));
        long chained;
        try (RunningEngine engine = RunningEngine.start(properties)) {
            EngineClient client = engine.client();
            String admin = client.token("ops-1", "ADMIN");
            assertThat(client.registerSku(admin, "VAULT-MUG", 1250, 10).status())
                    .isEqualTo(204);
            assertThat(client.registerSku(admin, "VAULT-CAP", 900, 5).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.get("/api/v1/admin/event-log/verification", admin)
                                    .body()
                                    .path("events")
                                    .asLong()
                            >= 4);
            chained = client.get("/api/v1/admin/event-log/verification", admin)
                    .body()
                    .path("events")
                    .asLong();
        }
        Path key = folder.resolve("backup.key");
        Files.writeString(key, "a passphrase kept apart from the backups\n");
        Path backup = folder.resolve("backups").resolve("engine.mv.gz.enc");
        Map<String, String> env =
                Map.of("ENGINE_STORE_EMBEDDED_PATH", original.toString(), "ENGINE_STORE_DATABASE", database);

        Result backedUp = script("backup.sh", env, "--key-file", key.toString(), backup.toString());
        assertThat(backedUp.exitCode()).as(backedUp.output()).isZero();
        assertThat(Files.readString(Path.of(backup + ".manifest"))).contains("encryption=aes-256-cbc-pbkdf2");
        assertThat(new String(Files.readAllBytes(backup), 0, 8, StandardCharsets.ISO_8859_1))
                .isEqualTo("Salted__");

        Result verified = script("verify-event-log.sh", Map.of(), "--key-file", key.toString(), backup.toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("verified events=" + chained + " head=");
        Result withoutKey = script("verify-event-log.sh", Map.of(), backup.toString());
        assertThat(withoutKey.exitCode()).isNotZero();
        assertThat(withoutKey.output()).contains("--key-file");

        Path restored = folder.resolve("restored").resolve("engine.mv");
        Result restoring = script(
                "restore.sh",
                Map.of("ENGINE_STORE_EMBEDDED_PATH", restored.toString()),
                "--key-file",
                key.toString(),
                backup.toString());
        assertThat(restoring.exitCode()).as(restoring.output()).isZero();
        assertThat(restoring.output()).contains("restore: event log verified events=" + chained);
        assertThat(Files.mismatch(original, restored)).isEqualTo(-1L);

        long edited = editOneStoredAmount(restored, database);
        Path tampered = folder.resolve("backups").resolve("tampered.mv.gz.enc");
        Result tamperedBackup = script(
                "backup.sh",
                Map.of("ENGINE_STORE_EMBEDDED_PATH", restored.toString(), "ENGINE_STORE_DATABASE", database),
                "--key-file",
                key.toString(),
                tampered.toString());
        assertThat(tamperedBackup.exitCode()).as(tamperedBackup.output()).isZero();
        Result broken = script("verify-event-log.sh", Map.of(), "--key-file", key.toString(), tampered.toString());
        assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("BROKEN position=" + edited);
        Path refusedTarget = folder.resolve("refused").resolve("engine.mv");
        Result refused = script(
                "restore.sh",
                Map.of("ENGINE_STORE_EMBEDDED_PATH", refusedTarget.toString()),
                "--key-file",
                key.toString(),
                tampered.toString());
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("does NOT verify");
        assertThat(refusedTarget).doesNotExist();
    }

    /** Changes the price in one stored SKU registration straight through the driver; returns its position. */
    private static long editOneStoredAmount(Path storeFile, String database) {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(storeFile, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = client.getDatabase(database).getCollection("events");
            Document registered = events.find(Filters.eq("aggregateIdentifier", "VAULT-MUG"))
                    .sort(new Document("_id", 1))
                    .first();
            String payload = registered.getString("serializedPayload");
            assertThat(payload).contains("1250");
            long position = ((Number) registered.get("_id")).longValue();
            events.updateOne(
                    Filters.eq("_id", position), Updates.set("serializedPayload", payload.replace("1250", "12")));
            return position;
        }
    }

    record Result(int exitCode, String output) {}

    private static Result script(String name, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("bash", scripts().resolve(name).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("BACKUP_KEY_FILE");
        // the verifier runs from the classes under test instead of a packaged jar
        builder.environment().put("ENGINE_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment()
                .put("JAVA", ProcessHandle.current().info().command().orElse("java"));
        // the verifier JVMs the scripts start live a second or two: C1 only and the serial collector, as this JVM
        builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.printf("encrypted backup: %s -> %d: %s", name, process.exitValue(), output);
        return new Result(process.exitValue(), output);
    }

    private static Path scripts() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts").resolve("backup.sh"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("scripts/backup.sh above the working directory").isNotNull();
        return dir.resolve("scripts");
    }
}
