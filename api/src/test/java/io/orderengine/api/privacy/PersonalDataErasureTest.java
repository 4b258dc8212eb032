package io.orderengine.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoDatabase;
import io.orderengine.api.notifications.OrderDriver;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.FreePorts;
import io.orderengine.testkit.ReceivedMail;
import io.orderengine.testkit.TestStore;
import io.orderengine.testkit.WebhookReceiver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.common.caching.Cache;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto-shredding on the whole engine: a customer's and a guest's personal data is encrypted in the event store,
 * exported on request, and after an erasure found nowhere — in no API answer (order, history, admin list and
 * search, audit, export), no e-mail sent afterwards, no invoice generated afterwards, no collection of the store
 * after a full rebuild of the order read model — while the order number, amounts and country stay.
 */
class PersonalDataErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SKU = "ERASE-MUG";
    private static final String CUSTOMER = "cust-erasure-1";
    private static final String EMAIL = "zelda.erasure@example.com";
    private static final String NAME = "Zelda Quixotic";
    private static final String STREET = "77 Nowhere Lane";
    private static final String PHONE = "+972505551234";
    private static final String NOTE = "Ring twice, Quixotic family";
    private static final List<String> CUSTOMER_TRACES = List.of(EMAIL, "quixotic", "nowhere lane", "505551234");

    @TempDir
    static Path folder;

    private static GreenMail smtp;
    private static WebhookReceiver receiver;
    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver driver;
    private static String admin;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        int smtpPort = FreePorts.loopback();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = new WebhookReceiver(io.orderengine.outbound.webhooks.WebhookSignature.HEADER);
        Map<String, Object> properties = TestStore.fresh(folder);
        // the webhook receiver listens on loopback, which targets may only be when this is set
        properties.put("engine.webhooks.allow-private-targets", "true");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", Integer.toString(smtpPort));
        properties.put("engine.mail.from", "Test Shop <shop@example.com>");
        // orders are snapshotted after two events, so their snapshots (state with personal data opened) exist
        properties.put("engine.aggregates.order-snapshot-threshold", "2");
        engine = RunningEngine.start(properties);
        client = engine.client();
        driver = new OrderDriver(engine);
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, SKU, 1500, 100).status()).isEqualTo(204);
        await().atMost(WAIT)
                .until(() -> client.get("/api/v1/skus?page=0&size=500", null)
                        .body()
                        .toString()
                        .contains(SKU));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static Map<String, Object> checkout(String email, String name, String street, String phone, String note) {
        Map<String, Object> body = EngineClient.checkoutBody(SKU, 1, email);
        Map<String, Object> address = new HashMap<>(castMap(body.get("shippingAddress")));
        address.put("fullName", name);
        address.put("line1", street);
        address.put("phone", phone);
        body.put("shippingAddress", address);
        body.put("notes", note);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void anErasedCustomerIsFoundNowhereAfterwardsWhileTheTaxFiguresStay() throws Exception {
        String customer = client.token(CUSTOMER, "CUSTOMER");
        OrderDriver.Placed paid = driver.place(checkout(EMAIL, NAME, STREET, PHONE, NOTE), customer);
        driver.confirm(paid.orderId());
        OrderDriver.Placed unpaid = driver.place(checkout(EMAIL, NAME, STREET, PHONE, null), customer);
        driver.awaitStatus(unpaid.orderId(), io.orderengine.messages.order.OrderStatus.AWAITING_PAYMENT);
        MongoDatabase database = engine.bean(MongoDatabase.class);

        // encrypted at rest, and exported to its owner before the erasure
        assertThat(tracesIn(database, List.of("events"))).isEmpty();
        await().atMost(WAIT)
                .alias("the paid order's snapshot holds its state as the aggregate sees it")
                .until(() -> !tracesIn(database, List.of("event_snapshots")).isEmpty());
        assertThat(lower(database.getCollection("order_details")
                        .find()
                        .into(new ArrayList<>())
                        .toString()))
                .contains(EMAIL);
        Reply export = client.get("/api/v1/me/data", customer);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body().path("emails").toString()).contains(EMAIL);
        assertThat(export.body().path("orders")).hasSize(2);
        assertThat(export.body().path("notes").toString()).contains(NOTE);
        awaitMailTo(EMAIL, 3); // received and confirmed (first order), received (second)
        int mailsBefore = mailsTo(EMAIL).size();
        Cache ordersInMemory = engine.bean("orderCache", Cache.class);
        assertThat(List.of(paid.orderId(), unpaid.orderId()))
                .as("a single instance keeps its orders in memory, personal data opened")
                .allMatch(ordersInMemory::containsKey);

        Reply erased = client.post(
                "/api/v1/admin/data-subjects/" + CUSTOMER + "/erasure",
                Map.of("reason", "customer asked (GDPR 17)"),
                admin);
        Reply again = client.post(
                "/api/v1/admin/data-subjects/" + CUSTOMER + "/erasure", Map.of("reason", "asked twice"), admin);

        assertThat(erased.status()).isEqualTo(202);
        assertThat(erased.body().path("orders").asInt()).isEqualTo(2);
        assertThat(erased.body().path("alreadyErased").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("alreadyErased").asBoolean()).isTrue();
        assertThat(List.of(paid.orderId(), unpaid.orderId()))
                .as("the erased subject's orders are no longer kept in memory")
                .noneMatch(ordersInMemory::containsKey);
        assertThat(database.getCollection("events")
                        .countDocuments(
                                new Document("payloadType", "io.orderengine.messages.privacy.DataSubjectErasedEvent")))
                .as("one erasure event, however often it is asked for")
                .isEqualTo(1);
        await().atMost(WAIT)
                .until(() -> PersonalData.ERASED.equals(client.get("/api/v1/admin/orders/" + paid.orderId(), admin)
                        .body()
                        .path("customer")
                        .path("email")
                        .asText()));

        // an e-mail not yet sent is not sent; an invoice generated now shows the placeholder
        driver.confirm(unpaid.orderId());
        await().atMost(WAIT)
                .until(() -> database.getCollection("notification_log")
                                .countDocuments(new Document("orderId", unpaid.orderId()).append("status", "SKIPPED"))
                        > 0);
        assertThat(mailsTo(EMAIL)).hasSize(mailsBefore);
        String invoice = invoiceText(paid.orderId());
        assertThat(invoice).contains(PersonalData.ERASED, paid.orderNumber(), "15.00");
        assertThat(invoice).containsPattern("Invoice number INV-\\d{4}-\\d{6}");
        assertThat(traces(invoice)).isEmpty();

        // a full rebuild of the order read model brings nothing back
        rebuildOrderDetail();

        List<String> answers = new ArrayList<>();
        for (String id : List.of(paid.orderId(), unpaid.orderId())) {
            answers.add(body(client.get("/api/v1/orders/" + id, customer), id));
            answers.add(body(client.get("/api/v1/admin/orders/" + id, admin), id));
            answers.add(body(client.get("/api/v1/admin/orders/" + id + "/audit", admin), id));
        }
        answers.add(body(client.get("/api/v1/orders", customer), "history"));
        answers.add(body(client.get("/api/v1/admin/orders?includeArchived=true", admin), "admin list"));
        answers.add(body(client.get("/api/v1/admin/orders?q=" + encode(EMAIL), admin), "search by e-mail"));
        answers.add(body(client.get("/api/v1/admin/orders?q=Quixotic", admin), "search by name"));
        answers.add(body(client.get("/api/v1/me/data", customer), "own export"));
        answers.add(body(client.get("/api/v1/admin/data-subjects/" + CUSTOMER + "/data", admin), "admin export"));
        answers.forEach(answer -> assertThat(traces(answer)).as(answer).isEmpty());

        JsonNode detail =
                client.get("/api/v1/admin/orders/" + paid.orderId(), admin).body();
        assertThat(detail.path("orderNumber").asText()).isEqualTo(paid.orderNumber());
        assertThat(detail.path("shippingAddress").path("country").asText()).isEqualTo("IL");
        assertThat(detail.path("shippingAddress").path("fullName").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(detail.path("notes").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(detail.path("totals").path("totalMinor").asLong()).isPositive();
        assertThat(client.get("/api/v1/admin/orders?q=" + encode(EMAIL), admin)
                        .body()
                        .path("items"))
                .isEmpty();
        JsonNode ownExport = client.get("/api/v1/me/data", customer).body();
        assertThat(ownExport.path("erasedAt").isNull()).isFalse();
        assertThat(ownExport.path("orders")).hasSize(2);

        assertThat(tracesIn(database, database.listCollectionNames().into(new ArrayList<>())))
                .as("collections still holding the erased customer's data")
                .isEmpty();
    }

    @Test
    void aGuestIsErasedByTheirEmailInAnyCase() {
        String email = "yael.guestington@example.com";
        OrderDriver.Placed order = driver.place(checkout(email, "Yael Guestington", "3 Hidden Path", null, null), null);
        await().atMost(WAIT).until(() -> driver.view(order.orderId()) != null);
        String subject = encode("Yael.Guestington@Example.com");

        Reply before = client.get("/api/v1/admin/data-subjects/" + subject + "/data", admin);
        Reply erased =
                client.post("/api/v1/admin/data-subjects/" + subject + "/erasure", Map.of("reason", "asked"), admin);

        assertThat(before.body().path("kind").asText()).isEqualTo("guest");
        assertThat(before.body().path("emails").toString()).contains(email);
        assertThat(erased.status()).isEqualTo(202);
        assertThat(erased.body().path("orders").asInt()).isEqualTo(1);
        await().atMost(WAIT)
                .until(() -> PersonalData.ERASED.equals(
                        client.get("/api/v1/orders/" + order.orderId() + "?token=" + order.guestToken(), null)
                                .body()
                                .path("shippingAddress")
                                .path("fullName")
                                .asText()));
        String guestView = client.get("/api/v1/orders/" + order.orderId() + "?token=" + order.guestToken(), null)
                .body()
                .toString();
        assertThat(lower(guestView)).doesNotContain(email, "guestington", "hidden path");
        assertThat(client.get("/api/v1/admin/data-subjects/" + subject + "/data", admin)
                        .body()
                        .path("erasedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void whatTheCustomerWroteWhenCancellingOrReturningIsErasedFromReadModelsRebuildsAndWebhookDeliveries() {
        String email = "orla.wordsmith@example.com";
        List<String> traces = List.of(email, "wordsmith", "marmalade", "gooseberry");
        String endpoint = client.post(
                        "/api/v1/admin/webhooks",
                        Map.of(
                                "url", receiver.url("/erp"),
                                "secret", "whsec_erasure_receiver_01",
                                "eventTypes", List.of("order.cancelled", "order.return_requested")),
                        admin)
                .body()
                .path("id")
                .asText();
        String customer = client.token("cust-erasure-2", "CUSTOMER");
        OrderDriver.Placed cancelled =
                driver.place(checkout(email, "Orla Wordsmith", "5 Jam Street", null, null), customer);
        driver.awaitStatus(cancelled.orderId(), io.orderengine.messages.order.OrderStatus.AWAITING_PAYMENT);
        assertThat(client.post(
                                "/api/v1/orders/" + cancelled.orderId() + "/cancel",
                                Map.of("reason", "Too much marmalade in the house already"),
                                customer)
                        .status())
                .isEqualTo(202);
        OrderDriver.Placed returned =
                driver.place(checkout(email, "Orla Wordsmith", "5 Jam Street", null, null), customer);
        driver.confirm(returned.orderId());
        driver.ship(returned.orderId(), "TRK-ERASE-1");
        driver.deliver(returned.orderId());
        Reply returnRequest = client.post(
                "/api/v1/orders/" + returned.orderId() + "/returns",
                Map.of("lines", List.of(Map.of("sku", SKU, "quantity", 1, "reason", "Gooseberry stain on the box"))),
                customer);
        assertThat(returnRequest.status()).as("%s", returnRequest).isBetween(200, 202);
        MongoDatabase database = engine.bean(MongoDatabase.class);
        await().atMost(WAIT)
                .until(() -> database.getCollection("webhook_deliveries")
                                .countDocuments(new Document("endpointId", endpoint))
                        == 2);
        await().atMost(WAIT)
                .until(() -> lower(body(client.get("/api/v1/admin/orders/" + returned.orderId(), admin), ""))
                        .contains("gooseberry"));
        assertThat(lower(body(client.get("/api/v1/admin/orders/" + cancelled.orderId(), admin), "before")))
                .contains("marmalade");
        assertThat(tracesIn(database, List.of("events"), traces))
                .as("what the customer wrote is encrypted in the events")
                .isEmpty();
        assertThat(tracesIn(database, List.of("webhook_deliveries"), traces)).isNotEmpty();

        Reply erased = client.post(
                "/api/v1/admin/data-subjects/cust-erasure-2/erasure", Map.of("reason", "customer asked"), admin);
        assertThat(erased.status()).isEqualTo(202);
        await().atMost(WAIT)
                .until(() -> tracesIn(database, List.of("webhook_deliveries", "order_details"), traces)
                        .isEmpty());
        rebuildOrderDetail();

        List<String> answers = new ArrayList<>();
        for (String id : List.of(cancelled.orderId(), returned.orderId())) {
            answers.add(body(client.get("/api/v1/orders/" + id, customer), id));
            answers.add(body(client.get("/api/v1/admin/orders/" + id, admin), id));
            answers.add(body(client.get("/api/v1/admin/orders/" + id + "/audit", admin), id));
        }
        answers.add(body(client.get("/api/v1/admin/webhooks/" + endpoint + "/deliveries", admin), "deliveries"));
        answers.forEach(answer -> assertThat(traces(answer, traces)).as(answer).isEmpty());
        assertThat(answers.get(1)).contains(PersonalData.ERASED);
        assertThat(answers.get(4)).contains(PersonalData.ERASED);
        assertThat(tracesIn(database, database.listCollectionNames().into(new ArrayList<>()), traces))
                .as("collections still holding what the erased customer wrote")
                .isEmpty();
    }

    @Test
    void onlyAdminsEraseAndAReasonIsRequired() {
        String customer = client.token("someone", "CUSTOMER");
        assertThat(client.post("/api/v1/admin/data-subjects/someone/erasure", Map.of("reason", "x"), customer)
                        .status())
                .isEqualTo(403);
        Reply blank = client.post("/api/v1/admin/data-subjects/someone/erasure", Map.of("reason", " "), admin);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.headers().get("Content-Type").get(0)).contains("application/problem+json");
        assertThat(client.get("/api/v1/me/data", null).status()).isEqualTo(401);
    }

    /** Rebuilds the order detail read model from the events and waits for the new generation to serve. */
    private static void rebuildOrderDetail() {
        Reply rebuild = client.post("/api/v1/admin/projections/order-detail/rebuild", Map.of(), admin);
        assertThat(rebuild.status()).isEqualTo(202);
        int generation = rebuild.body().path("generation").asInt();
        await().atMost(Duration.ofSeconds(180)).until(() -> {
            JsonNode progress = client.get("/api/v1/admin/projections/order-detail", admin)
                    .body()
                    .path("rebuild");
            return progress.path("generation").asInt() == generation
                    && "DONE".equals(progress.path("state").asText());
        });
    }

    private static String body(Reply reply, String what) {
        assertThat(reply.status()).as("%s: %s", what, reply).isEqualTo(200);
        return reply.body().toString();
    }

    private static List<String> traces(String text) {
        return traces(text, CUSTOMER_TRACES);
    }

    private static List<String> traces(String text, List<String> of) {
        String lower = lower(text);
        return of.stream().filter(lower::contains).toList();
    }

    private static List<String> tracesIn(MongoDatabase database, List<String> collections) {
        return tracesIn(database, collections, CUSTOMER_TRACES);
    }

    private static List<String> tracesIn(MongoDatabase database, List<String> collections, List<String> of) {
        List<String> found = new ArrayList<>();
        for (String name : collections) {
            for (Document document : database.getCollection(name).find()) {
                List<String> traces = traces(document.toJson(), of);
                if (!traces.isEmpty()) {
                    found.add(name + " " + document.get("_id") + " " + traces);
                }
            }
        }
        return found;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String invoiceText(String orderId) throws Exception {
        HttpResponse<byte[]> pdf = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + engine.port() + "/api/v1/orders/" + orderId + "/invoice"))
                        .header("Authorization", "Bearer " + admin)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static void awaitMailTo(String to, int count) {
        await().atMost(WAIT).until(() -> mailsTo(to).size() >= count);
    }

    private static List<ReceivedMail> mailsTo(String to) {
        return ReceivedMail.all(smtp.getReceivedMessages()).stream()
                .filter(mail -> to.equals(mail.to()))
                .toList();
    }
}
