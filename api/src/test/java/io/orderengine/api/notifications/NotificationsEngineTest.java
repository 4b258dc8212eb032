package io.orderengine.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.CapturedLog;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.FreePorts;
import io.orderengine.testkit.ReceivedMail;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine mailing a real SMTP server (GreenMail): confirmation, shipping, cancellation and refund emails
 * reach the customer with amounts, tracking number and link; an email that cannot be sent is dead-lettered, shown
 * to admins and sent when an admin retries it.
 */
class NotificationsEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SKU = "NOTIFY-MUG";

    @TempDir
    static Path folder;

    private static int smtpPort;
    private static GreenMail smtp;
    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver driver;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        smtpPort = FreePorts.loopback();
        smtp = smtpServer();
        smtp.start();
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", Integer.toString(smtpPort));
        properties.put("engine.mail.from", "Test Shop <shop@example.com>");
        properties.put("engine.mail.send-attempts", "2");
        properties.put("engine.mail.retry-backoff", "PT0.05S");
        properties.put("engine.shop.name", "Test Shop");
        properties.put("engine.shop.order-link", "https://shop.example/orders/{orderId}");
        engine = RunningEngine.start(properties);
        client = engine.client();
        driver = new OrderDriver(engine);
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, SKU, 1250, 100).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> available(SKU) == 100);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        smtp.stop();
    }

    private static GreenMail smtpServer() {
        return new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @Test
    void aGuestIsMailedWhenTheOrderIsConfirmedWhenItShipsAndWhenItArrives() {
        OrderDriver.Placed order = driver.place(EngineClient.checkoutBody(SKU, 2, "guest-1@example.com"), null);

        driver.confirm(order.orderId());
        ReceivedMail confirmed = awaitMail("guest-1@example.com", "is confirmed");

        assertThat(confirmed.subject()).isEqualTo("Your order " + order.orderNumber() + " at Test Shop is confirmed");
        assertThat(confirmed.text())
                .contains(
                        "€35.40",
                        "€12.50",
                        "https://shop.example/orders/" + order.orderId() + "?token=gl1.",
                        "Anyone with this link can see the order until")
                .doesNotContain(order.guestToken());
        assertThat(confirmed.html()).contains("€35.40", "https://shop.example/orders/" + order.orderId());

        driver.ship(order.orderId(), "TRACK-4711");
        ReceivedMail shipped = awaitMail("guest-1@example.com", "is on its way");

        assertThat(shipped.text()).contains("Tracking number: TRACK-4711", order.orderNumber());
        assertThat(shipped.html()).contains("TRACK-4711");

        driver.deliver(order.orderId());
        ReceivedMail delivered = awaitMail("guest-1@example.com", "was delivered");

        assertThat(delivered.subject())
                .isEqualTo("A parcel of your order " + order.orderNumber() + " from Test Shop was delivered");
        assertThat(delivered.text()).contains(order.orderNumber(), "https://shop.example/orders/" + order.orderId());
        assertThat(delivered.html()).contains(order.orderNumber());
    }

    @Test
    void aCustomerIsMailedWhenAPaidOrderIsCancelledAndWhenTheMoneyIsBack() {
        String alice = client.token("alice", "CUSTOMER");
        OrderDriver.Placed order = driver.place(EngineClient.checkoutBody(SKU, 2, "alice@example.com"), alice);
        driver.confirm(order.orderId());
        awaitMail("alice@example.com", "is confirmed");

        driver.cancelByAdmin(order.orderId(), "out of season");
        ReceivedMail cancelled = awaitMail("alice@example.com", "was cancelled");
        driver.refundCancelled(order.orderId());
        ReceivedMail refunded = awaitMail("alice@example.com", "Refund for your order");

        assertThat(cancelled.text())
                .contains("Reason: out of season", "The amount you paid (€35.40) will be refunded")
                .doesNotContain("token=", "Anyone with this link");
        assertThat(refunded.text())
                .contains("We refunded €35.40 for order " + order.orderNumber(), "Refunded so far: €35.40 of €35.40.");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo("alice@example.com").size() == 4); // received, confirmed, cancelled, refunded
    }

    @Test
    void anEmailThatCannotBeSentIsDeadLetteredAndSentWhenAnAdminRetriesIt() {
        // Axon logs each dead letter with the event and the cause's stack trace: kept out of the build's output and
        // checked here for personal data (the event's text withholds it)
        List<String> logged;
        try (CapturedLog log = CapturedLog.of(MongoSequencedDeadLetterQueue.class)) {
            deadLetterAndRetry();
            logged = log.messages();
        }
        assertThat(logged)
                .anySatisfy(line -> assertThat(line).startsWith("Adding dead letter"))
                .allSatisfy(line -> assertThat(line).doesNotContain("guest-dlq", "Noa Cohen", "Rothschild", "6688101"));
    }

    private void deadLetterAndRetry() {
        smtp.stop();
        OrderDriver.Placed order = driver.place(EngineClient.checkoutBody(SKU, 1, "guest-dlq@example.com"), null);
        driver.confirm(order.orderId());

        // the order-received e-mail fails first; the confirmation queues behind it in the order's sequence
        await().atMost(WAIT).until(() -> deadLettersOf(order.orderId()).size() == 2);
        List<JsonNode> letters = deadLettersOf(order.orderId());
        assertThat(letters)
                .extracting(dead -> dead.path("eventType").asText())
                .containsExactlyInAnyOrder("OrderPlacedEvent", "OrderConfirmedEvent");
        JsonNode letter = letters.get(0);
        assertThat(letter.path("processingGroup").asText()).isEqualTo("notifications");
        assertThat(letter.path("cause").path("type").asText()).endsWith("EmailNotSentException");
        assertThat(letter.path("diagnostics").path("retries").asInt()).isZero();
        assertThat(client.get("/api/v1/admin/dead-letters", client.token("bob", "CUSTOMER"))
                        .status())
                .isEqualTo(403);

        smtp = smtpServer();
        smtp.start();
        EngineClient.Reply retried =
                client.post("/api/v1/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of(), admin);

        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        assertThat(retried.body().path("succeeded").asBoolean()).isTrue();
        awaitMail("guest-dlq@example.com", "We received your order");
        ReceivedMail confirmed = awaitMail("guest-dlq@example.com", "is confirmed");
        assertThat(confirmed.text()).contains(order.orderNumber(), "€20.65");
        assertThat(deadLetterOf(order.orderId())).isEmpty();
        assertThat(client.post("/api/v1/admin/dead-letters/" + letter.path("id").asText() + "/retry", Map.of(), admin)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theNotificationProcessorCannotBeResetSoARebuildNeverMailsCustomersAgain() {
        StreamingEventProcessor processor = engine.bean(EventProcessingConfiguration.class)
                .eventProcessor("notifications", StreamingEventProcessor.class)
                .orElseThrow();

        assertThat(processor.supportsReset()).isFalse();
    }

    private static List<JsonNode> deadLettersOf(String orderId) {
        EngineClient.Reply page = client.get("/api/v1/admin/dead-letters?size=100", admin);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        List<JsonNode> letters = new java.util.ArrayList<>();
        page.body().path("items").forEach(item -> {
            if (orderId.equals(item.path("sequence").asText())) {
                letters.add(item);
            }
        });
        return letters;
    }

    private static Optional<JsonNode> deadLetterOf(String orderId) {
        EngineClient.Reply page = client.get("/api/v1/admin/dead-letters?size=100", admin);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        for (JsonNode item : page.body().path("items")) {
            if (orderId.equals(item.path("sequence").asText())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static ReceivedMail awaitMail(String to, String subjectPart) {
        return await().atMost(WAIT)
                .until(
                        () -> mailsTo(to).stream()
                                .filter(mail -> mail.subject().contains(subjectPart))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static List<ReceivedMail> mailsTo(String to) {
        return ReceivedMail.all(smtp.getReceivedMessages()).stream()
                .filter(mail -> to.equals(mail.to()))
                .toList();
    }

    private static int available(String sku) {
        EngineClient.Reply page = client.get("/api/v1/skus?page=0&size=500", null);
        for (JsonNode item : page.body().path("items")) {
            if (sku.equals(item.path("sku").asText())) {
                return item.path("available").asInt();
            }
        }
        return -1;
    }
}
