package io.orderengine.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.outbound.webhooks.WebhookSignature;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.FreePorts;
import io.orderengine.testkit.ReceivedMail;
import io.orderengine.testkit.TestStore;
import io.orderengine.testkit.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own alerts: a SKU falling to its low-stock threshold raises {@code LOW_STOCK} once (one e-mail to the
 * recipients, one {@code alert.raised} webhook, the dashboard's list shows it with its start), however many times the
 * rules are evaluated while it lasts; receiving stock clears it once ({@code alert.cleared}, a "Resolved" e-mail).
 */
class AlertsEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OPS = "ops@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static GreenMail smtp;
    private static WebhookReceiver receiver;
    private static RunningEngine engine;
    private static EngineClient client;
    private static String admin;

    @BeforeAll
    static void start() {
        int smtpPort = FreePorts.loopback();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = new WebhookReceiver(WebhookSignature.HEADER);
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", Integer.toString(smtpPort));
        properties.put("engine.shop.name", "Test Shop");
        properties.put("engine.alerts.recipients", OPS);
        properties.put("engine.alerts.interval", "PT0.25S");
        properties.put("engine.webhooks.poll-interval", "PT0.2S");
        // the receiver listens on loopback, which targets may only be when this is set
        properties.put("engine.webhooks.allow-private-targets", "true");
        engine = RunningEngine.start(properties);
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
        EngineClient.Reply registered = client.post(
                "/api/v1/admin/webhooks",
                Map.of(
                        "url",
                        receiver.url("/ops"),
                        "secret",
                        "whsec_alert_receiver_0001",
                        "eventTypes",
                        List.of("alert.raised", "alert.cleared"),
                        "description",
                        "on-call"),
                admin);
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        receiver.close();
        smtp.stop();
    }

    @Test
    void lowStockRaisesOneAlertPerEpisodeAndItsRecoveryIsReportedOnce() throws Exception {
        Map<String, Object> sku =
                Map.of("sku", "ALERT-MUG", "name", "Mug", "priceMinor", 900, "currency", "EUR", "lowStockThreshold", 5);
        assertThat(client.post("/api/v1/admin/skus", sku, admin).status()).isEqualTo(201);
        stock("ALERT-MUG", 3);

        ReceivedMail raised = awaitMail("Alert:");
        assertThat(raised.subject())
                .isEqualTo("[Test Shop] Alert: Products are at or below their low-stock threshold.");
        assertThat(raised.text()).contains("ALERT-MUG (", "available)", "Rule: LOW_STOCK");
        JsonNode listed = alerts().path("items").get(0);
        assertThat(listed.path("rule").asText()).isEqualTo("LOW_STOCK");
        assertThat(listed.path("state").asText()).isEqualTo("RAISED");
        assertThat(Instant.parse(listed.path("since").asText())).isBefore(Instant.now());
        JsonNode raisedHook = awaitWebhook("alert.raised");
        assertThat(raisedHook.path("data").path("rule").asText()).isEqualTo("LOW_STOCK");
        String episode = raisedHook.path("data").path("episode").asText();

        // many evaluations later (four a second: six in this window), still one e-mail and one webhook for this episode
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10)).until(() -> mails("Alert:") == 1);
        assertThat(webhooks("alert.raised")).hasSize(1);

        stock("ALERT-MUG", 20);

        ReceivedMail resolved = awaitMail("Resolved:");
        assertThat(resolved.text()).contains("Alert cleared", "Cleared:");
        JsonNode clearedHook = awaitWebhook("alert.cleared");
        assertThat(clearedHook.path("data").path("episode").asText()).isEqualTo(episode);
        await().atMost(WAIT)
                .until(() ->
                        alerts().path("items").get(0).path("state").asText().equals("CLEARED"));
        // four evaluations later, still one recovery e-mail
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> mails("Resolved:") == 1);
        assertThat(mails("Alert:")).isEqualTo(1);
        assertThat(webhooks("alert.cleared")).hasSize(1);
    }

    private static void stock(String sku, int delta) {
        EngineClient.Reply reply = client.post(
                "/api/v1/admin/skus/" + sku + "/stock", Map.of("delta", delta, "reason", "received"), admin);
        assertThat(reply.status()).as("%s", reply).isEqualTo(204);
    }

    private static JsonNode alerts() {
        EngineClient.Reply reply = client.get("/api/v1/admin/alerts", admin);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private static ReceivedMail awaitMail(String subjectPart) {
        await().atMost(WAIT).until(() -> mails(subjectPart) > 0);
        return ReceivedMail.all(smtp.getReceivedMessages()).stream()
                .filter(mail -> OPS.equals(mail.to()) && mail.subject().contains(subjectPart))
                .findFirst()
                .orElseThrow();
    }

    private static long mails(String subjectPart) {
        return ReceivedMail.all(smtp.getReceivedMessages()).stream()
                .filter(mail -> OPS.equals(mail.to()) && mail.subject().contains(subjectPart))
                .count();
    }

    private static List<WebhookReceiver.Received> webhooks(String type) {
        return receiver.at("/ops").stream().filter(r -> type.equals(r.event())).toList();
    }

    private static JsonNode awaitWebhook(String type) throws Exception {
        await().atMost(WAIT).until(() -> !webhooks(type).isEmpty());
        return JSON.readTree(webhooks(type).get(0).body());
    }
}
