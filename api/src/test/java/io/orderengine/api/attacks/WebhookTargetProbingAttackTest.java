package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: an admin registers outbound webhooks at loopback, link-local and private addresses and reads the status
 * codes back from the delivery log, probing the internal network (cloud metadata, the database, other services). With
 * the default {@code engine.webhooks.allow-private-targets=false} every such target is refused with 422 when it is
 * registered, in every spelling Java resolves to such an address, so no delivery is ever attempted. (The check before
 * each delivery, DNS rebinding and the engine's own port with private targets allowed: {@code WebhookTargetsTest}.)
 */
class WebhookTargetProbingAttackTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static String admin;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void targetsThatAreNotPublicAreRefusedWhenRegistered() {
        List<String> targets = List.of(
                "http://127.0.0.1:27017/",
                "http://127.0.0.1:" + engine.port() + "/api/v1/admin/skus",
                "http://localhost:8080/",
                "http://[::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::127.0.0.1]/",
                "http://[64:ff9b::7f00:1]/",
                "http://[2002:7f00:1::]/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/",
                "http://10.0.0.5:8080/",
                "http://172.16.0.1/",
                "http://172.31.255.254/",
                "http://192.168.1.1/",
                "http://100.64.0.1/",
                "http://[fd00::1]/",
                "http://[fc00::1]/",
                "http://0.0.0.0:" + engine.port() + "/",
                "http://[::]/",
                "http://224.0.0.1/",
                "http://[ff02::1]/",
                "http://255.255.255.255/",
                "https://10.1.2.3:8443/hook");
        for (String url : targets) {
            EngineClient.Reply reply = client.post(
                    "/api/v1/admin/webhooks", Map.of("url", url, "eventTypes", List.of("order.confirmed")), admin);
            assertThat(reply.status()).as("%s: %s", url, reply).isEqualTo(422);
            assertThat(reply.text("type")).isEqualTo("urn:order-engine:problem:webhook-target-refused");
            assertThat(reply.text("detail")).startsWith("Field 'url' is refused:");
        }
        assertThat(client.get("/api/v1/admin/webhooks", admin)
                        .body()
                        .path("total")
                        .asLong())
                .as("nothing was registered, so nothing can be delivered")
                .isZero();
    }

    @Test
    void theRefusalDoesNotTellTheProberWhatAnswersAtTheTarget() {
        // a port where something listens (this engine) and one where nothing does get the same answer
        EngineClient.Reply listening = client.post(
                "/api/v1/admin/webhooks",
                Map.of("url", "http://10.0.0.1:" + engine.port() + "/", "eventTypes", List.of("order.confirmed")),
                admin);
        EngineClient.Reply silent = client.post(
                "/api/v1/admin/webhooks",
                Map.of("url", "http://10.0.0.1:9/", "eventTypes", List.of("order.confirmed")),
                admin);
        assertThat(listening.status()).isEqualTo(422);
        assertThat(listening.text("detail")).isEqualTo(silent.text("detail"));
    }
}
