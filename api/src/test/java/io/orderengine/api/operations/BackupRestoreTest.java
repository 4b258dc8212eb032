package io.orderengine.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore of the embedded store with the scripts operators use (scripts/backup.sh, scripts/restore.sh):
 * the backup refuses while the engine has the store open; after a clean stop it is taken, restored to a new path,
 * and a second engine started on the copy answers exactly as the first did (catalogue, order list, every order,
 * its event history, the guest's and the customer's views, customer statistics, running checkouts), then goes on
 * working (a waiting order is paid, a new order gets the next number). A backup that does not match its manifest is
 * not restored.
 */
class BackupRestoreTest {

    @TempDir
    Path folder;

    @Test
    void aBackupTakenAfterACleanStopRestoresToAnEngineThatAnswersTheSameAndCarriesOn() throws Exception {
        Map<String, Object> original = TestStore.fresh(folder.resolve("original"));
        original.put("engine.store.uri", "");
        // one payment attempt: the declined order is cancelled (its stock released) before the backup
        original.put("engine.payments.max-attempts", "1");
        Path originalFile = Path.of((String) original.get("engine.store.embedded-path"));
        Path backup = folder.resolve("backups").resolve("engine.mv.gz");
        Path restoredFile = folder.resolve("restored").resolve("engine.mv");
        Map<String, JsonNode> before;
        Placed paidOrder;
        String waitingId;
        String lastNumber;

        try (RunningEngine engine = RunningEngine.start(original)) {
            EngineClient client = engine.client();
            String admin = client.token("ops-1", "ADMIN");
            String alice = client.token("alice", "CUSTOMER");
            assertThat(client.registerSku(admin, "BACKUP-MUG", 1250, 10).status())
                    .isEqualTo(204);
            assertThat(client.registerSku(admin, "BACKUP-CAP", 900, 1).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.get("/api/v1/skus?size=500", null)
                                    .body()
                                    .path("items")
                                    .size()
                            == 2);

            Placed paid = place(client, admin, "BACKUP-MUG", 2, "paid@example.com", null);
            pay(client, admin, paid, "approve", "CONFIRMED");
            Placed declined = place(client, admin, "BACKUP-MUG", 1, "declined@example.com", null);
            pay(client, admin, declined, "decline", "CANCELLED");
            Placed waiting = place(client, admin, "BACKUP-MUG", 1, "alice@example.com", alice);
            Reply rejected = client.checkout(EngineClient.checkoutBody("BACKUP-CAP", 3, "greedy@example.com"), null);
            assertThat(rejected.status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "REJECTED"
                            .equals(client.get("/api/v1/admin/orders/" + rejected.text("orderId"), admin)
                                    .text("status")));
            Reply refund = client.post(
                    "/api/v1/admin/orders/" + paid.id() + "/refunds",
                    Map.of("amountMinor", 500, "reason", "one mug arrived chipped"),
                    admin);
            assertThat(refund.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.get("/api/v1/admin/orders/" + paid.id(), admin)
                                    .body()
                                    .path("payment")
                                    .path("refundedMinor")
                                    .asLong()
                            == 500);
            paidOrder = paid;
            waitingId = waiting.id();
            lastNumber = waiting.number();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> answers(client, admin, alice, paid).equals(answers(client, admin, alice, paid)));
            before = answers(client, admin, alice, paid);

            Result refused = script(
                    "backup.sh", Map.of("ENGINE_STORE_EMBEDDED_PATH", originalFile.toString()), backup.toString());
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.output()).contains("stop the engine first");
            assertThat(backup).doesNotExist();
        }

        Result backedUp = script(
                "backup.sh",
                Map.of("ENGINE_STORE_EMBEDDED_PATH", originalFile.toString(), "ENGINE_STORE_DATABASE", (String)
                        original.get("engine.store.database")),
                backup.toString());
        assertThat(backedUp.exitCode()).as(backedUp.output()).isZero();
        Result restored =
                script("restore.sh", Map.of("ENGINE_STORE_EMBEDDED_PATH", restoredFile.toString()), backup.toString());
        assertThat(restored.exitCode()).as(restored.output()).isZero();
        assertThat(Files.mismatch(originalFile, restoredFile)).isEqualTo(-1L);
        Result again =
                script("restore.sh", Map.of("ENGINE_STORE_EMBEDDED_PATH", restoredFile.toString()), backup.toString());
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("restore into a fresh path");

        Map<String, Object> copy = new HashMap<>(original);
        copy.put("engine.store.embedded-path", restoredFile.toString());
        // the backup holds the store, not the master key that wraps its personal data's keys: restore uses the same
        copy.put(
                "engine.privacy.master-key-file",
                originalFile.resolveSibling("demo-master-key").toString());
        try (RunningEngine engine = RunningEngine.start(copy)) {
            EngineClient client = engine.client();
            String admin = client.token("ops-1", "ADMIN");
            String alice = client.token("alice", "CUSTOMER");
            Map<String, JsonNode> after = answers(client, admin, alice, paidOrder);
            List<String> differing = new ArrayList<>();
            before.forEach((name, answer) -> {
                if (!answer.equals(after.get(name))) {
                    differing.add(name);
                }
            });
            System.out.printf(
                    "backup/restore: backup %d bytes; %d answers compared between the original and the "
                            + "restored engine (%s), differing: %s%n",
                    Files.size(backup),
                    before.size(),
                    before.keySet().stream()
                            .map(name -> name.replaceAll(" [0-9a-f-]{36}", ""))
                            .distinct()
                            .toList(),
                    differing);
            assertThat(after).isEqualTo(before);

            String url = client.get("/api/v1/admin/orders/" + waitingId, admin)
                    .body()
                    .path("payment")
                    .path("action")
                    .path("url")
                    .asText();
            assertThat(client.post(url, Map.of("outcome", "approve"), null).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "CONFIRMED"
                            .equals(client.get("/api/v1/admin/orders/" + waitingId, admin)
                                    .text("status")));
            Reply next = client.checkout(EngineClient.checkoutBody("BACKUP-MUG", 1, "next@example.com"), null);
            assertThat(next.status()).isEqualTo(201);
            assertThat(next.text("orderNumber")).isGreaterThan(lastNumber);
            System.out.printf(
                    "backup/restore: on the restored store the waiting order was paid (CONFIRMED) and the "
                            + "next order got %s after %s%n",
                    next.text("orderNumber"), lastNumber);
        }
    }

    @Test
    void aBackupThatDoesNotMatchItsManifestIsNotRestored() throws Exception {
        Path store = folder.resolve("engine.mv");
        Files.writeString(store, "not really a store, but bytes to copy");
        Path backup = folder.resolve("engine.mv.gz");
        assertThat(script("backup.sh", Map.of("ENGINE_STORE_EMBEDDED_PATH", store.toString()), backup.toString())
                        .exitCode())
                .isZero();
        Files.write(backup, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        Path target = folder.resolve("restored.mv");
        Result refused =
                script("restore.sh", Map.of("ENGINE_STORE_EMBEDDED_PATH", target.toString()), backup.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("does not match its manifest");
        assertThat(target).doesNotExist();
    }

    record Placed(String id, String token, String number, String actionUrl) {}

    private static Placed place(
            EngineClient client, String admin, String sku, int quantity, String email, String token) {
        Reply placed = client.checkout(EngineClient.checkoutBody(sku, quantity, email), token);
        assertThat(placed.status()).isEqualTo(201);
        String id = placed.text("orderId");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "AWAITING_PAYMENT"
                        .equals(client.get("/api/v1/admin/orders/" + id, admin).text("status")));
        String url = client.get("/api/v1/admin/orders/" + id, admin)
                .body()
                .path("payment")
                .path("action")
                .path("url")
                .asText();
        return new Placed(id, placed.text("guestToken"), placed.text("orderNumber"), url);
    }

    private static void pay(EngineClient client, String admin, Placed order, String outcome, String status) {
        assertThat(client.post(order.actionUrl(), Map.of("outcome", outcome), null)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status.equals(
                        client.get("/api/v1/admin/orders/" + order.id(), admin).text("status")));
    }

    /** What the engine answers about everything in it; running checkouts without their age, which moves with the clock. */
    private static Map<String, JsonNode> answers(EngineClient client, String admin, String alice, Placed paid) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        answers.put("catalogue", client.get("/api/v1/skus?size=500", null).body());
        answers.put(
                "lowStock", client.get("/api/v1/admin/skus/low-stock", admin).body());
        JsonNode orders = client.get("/api/v1/admin/orders?size=100", admin).body();
        answers.put("orders", orders);
        for (JsonNode order : orders.path("items")) {
            String id = order.path("orderId").asText();
            answers.put(
                    "order " + id,
                    client.get("/api/v1/admin/orders/" + id, admin).body());
            answers.put(
                    "audit " + id,
                    client.get("/api/v1/admin/orders/" + id + "/audit", admin).body());
        }
        answers.put(
                "guest view",
                client.get("/api/v1/orders/" + paid.id() + "?token=" + paid.token(), null)
                        .body());
        answers.put("alice's orders", client.get("/api/v1/orders", alice).body());
        answers.put(
                "alice's stats",
                client.get("/api/v1/admin/customers/alice/stats", admin).body());
        JsonNode sagas = client.get("/api/v1/admin/sagas?state=all&size=100", admin)
                .body()
                .deepCopy();
        sagas.path("items").forEach(item -> ((ObjectNode) item).remove(List.of("ageSeconds", "stuck", "stuckBecause")));
        answers.put("checkouts", sagas);
        return answers;
    }

    record Result(int exitCode, String output) {}

    private static Result script(String name, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("bash", scripts().resolve(name).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("MONGODB_URI");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.printf("backup/restore: %s -> %d: %s", name, process.exitValue(), output);
        return new Result(process.exitValue(), output);
    }

    /** The repository's scripts folder, found from the module the tests run in. */
    private static Path scripts() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts").resolve("backup.sh"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("scripts/backup.sh above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return dir.resolve("scripts");
    }
}
