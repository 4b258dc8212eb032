package io.orderengine.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.FreePorts;
import io.orderengine.testkit.ReceivedMail;
import io.orderengine.testkit.TestStore;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's e-mails from a real engine to a real SMTP server (GreenMail): the order-received e-mail with a signed
 * link that opens the order through the API, the confirmation with the invoice PDF attached, "e-mail me the link"
 * answering alike for every address and mailing only addresses with orders, and a projection rebuild mailing nobody.
 */
class GuestMailEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SKU = "GUEST-MAIL-MUG";
    private static final Pattern LINK =
            Pattern.compile("https://shop\\.example/orders/([0-9a-f-]{36})\\?token=(gl1\\.[0-9]+\\.[A-Za-z0-9_-]+)");

    @TempDir
    static Path folder;

    private static GreenMail smtp;
    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver driver;

    @BeforeAll
    static void start() {
        int smtpPort = FreePorts.loopback();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", Integer.toString(smtpPort));
        properties.put("engine.mail.from", "Test Shop <shop@example.com>");
        properties.put("engine.shop.name", "Test Shop");
        properties.put("engine.shop.order-link", "https://shop.example/orders/{orderId}");
        properties.put("engine.rate-limit.enabled", "true");
        properties.put("engine.rate-limit.checkout-per15min", "1000");
        properties.put("engine.rate-limit.requests-per-minute", "10000");
        properties.put("engine.guest-links.secret", "guest-mail-engine-test-key-0123456789");
        engine = RunningEngine.start(properties);
        client = engine.client();
        driver = new OrderDriver(engine);
        String admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, SKU, 1250, 100).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        smtp.stop();
    }

    @Test
    void aGuestGetsTheOrderReceivedEmailWhoseLinkOpensTheOrderAndTheInvoiceWithTheConfirmation() throws Exception {
        OrderDriver.Placed order = driver.place(EngineClient.checkoutBody(SKU, 2, "guest-received@example.com"), null);

        ReceivedMail received = ReceivedMail.of(awaitMail("guest-received@example.com", "We received your order"));

        assertThat(received.subject()).isEqualTo("We received your order " + order.orderNumber() + " at Test Shop");
        assertThat(received.text())
                .contains(order.orderNumber(), "€12.50", "€35.40", "Payment is still pending")
                .doesNotContain(order.guestToken());
        assertThat(received.html()).contains(order.orderNumber(), "€35.40", "Payment is still pending");
        Matcher link = LINK.matcher(received.text());
        assertThat(link.find()).as("a guest link in %s", received.text()).isTrue();
        assertThat(link.group(1)).isEqualTo(order.orderId());
        assertThat(received.html()).contains(link.group(2));
        String token = link.group(2);

        EngineClient.Reply opened = client.get("/api/v1/orders/" + order.orderId() + "?token=" + token, null);
        assertThat(opened.status()).as("%s", opened).isEqualTo(200);
        assertThat(opened.text("orderNumber")).isEqualTo(order.orderNumber());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(client.get("/api/v1/orders/" + order.orderId() + "?token=" + tampered, null)
                        .status())
                .isEqualTo(404);
        OrderDriver.Placed other = driver.place(EngineClient.checkoutBody(SKU, 1, "someone-else@example.com"), null);
        assertThat(client.get("/api/v1/orders/" + other.orderId() + "?token=" + token, null)
                        .status())
                .as("a link opens its own order only")
                .isEqualTo(404);

        driver.confirm(order.orderId());
        MimeMessage confirmed = awaitMail("guest-received@example.com", "is confirmed");
        byte[] pdf = pdfAttachment(confirmed);
        try (PDDocument invoice = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(invoice)).contains(order.orderNumber(), "35.40");
        }
        assertThat(ReceivedMail.of(confirmed).text()).contains("?token=gl1.");
    }

    @Test
    void eMailMeTheLinkAnswersAlikeForEveryAddressAndMailsOnlyAnAddressWithOrders() {
        OrderDriver.Placed order = driver.place(EngineClient.checkoutBody(SKU, 1, "guest-lost@example.com"), null);
        awaitMail("guest-lost@example.com", "We received your order");

        // the unknown address first: one worker looks the requests up in turn, so by the time the known address's
        // e-mail arrives the unknown one has been looked up too
        EngineClient.Reply unknown =
                client.post("/api/v1/orders/access-links", Map.of("email", "nobody-ordered@example.com"), null);
        EngineClient.Reply known =
                client.post("/api/v1/orders/access-links", Map.of("email", "Guest-Lost@example.com"), null);

        assertThat(known.status()).as("%s", known).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(unknown.headers().get("cache-control"))
                .isEqualTo(known.headers().get("cache-control"));
        ReceivedMail links = ReceivedMail.of(awaitMail("guest-lost@example.com", "Your orders at Test Shop"));
        Matcher link = LINK.matcher(links.text());
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo(order.orderId());
        assertThat(client.get("/api/v1/orders/" + order.orderId() + "?token=" + link.group(2), null)
                        .status())
                .isEqualTo(200);
        // and a while longer: one link e-mail takes ~0.1 s to look up, render and send
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo("nobody-ordered@example.com").isEmpty());

        EngineClient.Reply invalid =
                client.post("/api/v1/orders/access-links", Map.of("email", "not an address"), null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.headers().get("content-type"))
                .anySatisfy(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void anAddressGetsAtMostThreeLinkEmailsAnHourAndOneClientAtMostFiveRequests() {
        driver.place(EngineClient.checkoutBody(SKU, 1, "guest-flooded@example.com"), null);
        awaitMail("guest-flooded@example.com", "We received your order");

        for (int i = 0; i < 4; i++) {
            // each from another client, so only the address's quota counts
            String client2 = client.token("link-asker-" + i, "CUSTOMER");
            assertThat(client.post("/api/v1/orders/access-links", Map.of("email", "guest-flooded@example.com"), client2)
                            .status())
                    .isEqualTo(202);
        }
        await().atMost(WAIT).until(() -> linkMailsTo("guest-flooded@example.com") == 3);
        // a fourth would be the link worker's next e-mail, ~0.1 s after the third
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> linkMailsTo("guest-flooded@example.com") == 3);

        String greedy = client.token("greedy-asker", "CUSTOMER");
        for (int i = 0; i < 5; i++) {
            assertThat(client.post("/api/v1/orders/access-links", Map.of("email", "x" + i + "@example.com"), greedy)
                            .status())
                    .isEqualTo(202);
        }
        EngineClient.Reply sixth =
                client.post("/api/v1/orders/access-links", Map.of("email", "x5@example.com"), greedy);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.headers().get("retry-after")).isNotEmpty();
    }

    private static long linkMailsTo(String to) {
        return mailsTo(to).stream()
                .filter(mail -> ReceivedMail.of(mail).subject().startsWith("Your orders at"))
                .count();
    }

    @Test
    void rebuildingTheProjectionsMailsNobodyAgain() {
        String admin = client.token("admin-1", "ADMIN");
        OrderDriver.Placed order = driver.place(EngineClient.checkoutBody(SKU, 1, "guest-replay@example.com"), null);
        awaitMail("guest-replay@example.com", "We received your order");
        driver.confirm(order.orderId());
        awaitMail("guest-replay@example.com", "is confirmed");
        int before = smtp.getReceivedMessages().length;

        assertThat(client.post("/api/v1/admin/projections/notifications/rebuild", Map.of(), admin)
                        .status())
                .as("the notifications are not a projection and cannot be rebuilt")
                .isEqualTo(404);
        for (JsonNode projection :
                client.get("/api/v1/admin/projections", admin).body().path("projections")) {
            String name = projection.path("name").asText();
            assertThat(client.post("/api/v1/admin/projections/" + name + "/rebuild", Map.of(), admin)
                            .status())
                    .as("rebuild of %s", name)
                    .isEqualTo(202);
        }

        // every rebuild has replayed the whole event log and serves (e-mails it caused would have gone out by now)
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(client.get("/api/v1/admin/projections", admin)
                                .body()
                                .path("projections"))
                        .isNotEmpty()
                        .allSatisfy(projection -> assertThat(
                                        projection.path("rebuild").path("state").asText())
                                .as("rebuild of %s", projection.path("name").asText())
                                .isEqualTo("DONE")));
        assertThat(smtp.getReceivedMessages()).hasSize(before);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(15))
                .until(() -> smtp.getReceivedMessages().length == before);
    }

    private static byte[] pdfAttachment(MimeMessage message) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null && part.getFileName().endsWith(".pdf")) {
                assertThat(part.getContentType()).startsWith("application/pdf");
                assertThat(part.getFileName()).startsWith("INV-");
                return part.getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no PDF attached");
    }

    private static MimeMessage awaitMail(String to, String subjectPart) {
        return await().atMost(WAIT)
                .until(
                        () -> mailsTo(to).stream()
                                .filter(mail -> ReceivedMail.of(mail).subject().contains(subjectPart))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(mail -> to.equals(ReceivedMail.of(mail).to()))
                .toList();
    }
}
