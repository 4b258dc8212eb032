package io.orderengine.api.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.api.notifications.OrderDriver;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.sku.LowStockReachedEvent;
import io.orderengine.outbound.webhooks.WebhookOutbox;
import io.orderengine.outbound.webhooks.WebhookSignature;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import io.orderengine.testkit.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound webhooks on the whole engine against a local receiver: deliveries are signed, retried with backoff
 * until the endpoint answers 2xx or the tries run out, logged per endpoint and re-sent on an admin's request; a
 * slow endpoint does not hold up the others; the outbox holds one delivery per event and endpoint.
 */
class WebhookEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SKU = "HOOK-MUG";

    @TempDir
    static Path folder;

    private static WebhookReceiver receiver;
    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver driver;
    private static String admin;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver(WebhookSignature.HEADER);
        Map<String, Object> properties = TestStore.fresh(folder);
        // retries are found by the poll: backoffs of 0.1, 0.2, 0.4 s are each taken at the next poll after them
        properties.put("engine.webhooks.initial-backoff", "PT0.1S");
        properties.put("engine.webhooks.max-backoff", "PT0.4S");
        properties.put("engine.webhooks.max-attempts", "4");
        properties.put("engine.webhooks.connect-timeout", "PT1S");
        properties.put("engine.webhooks.request-timeout", "PT2S");
        properties.put("engine.webhooks.poll-interval", "PT0.2S");
        // the receiver listens on loopback, which targets may only be when this is set
        properties.put("engine.webhooks.allow-private-targets", "true");
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
        receiver.close();
    }

    private static JsonNode register(String path, String secret, String... types) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", receiver.url(path));
        body.put("secret", secret);
        body.put("eventTypes", List.of(types));
        body.put("description", "test receiver " + path);
        EngineClient.Reply reply = client.post("/api/v1/admin/webhooks", body, admin);
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return reply.body();
    }

    @Test
    void aFailingEndpointGetsTheSignedEventAgainUntilItAcceptsIt() throws Exception {
        String secret = "whsec_flaky_receiver_0001";
        receiver.failFirst("/erp", 2);
        String endpointId =
                register("/erp", secret, "order.confirmed").path("id").asText();
        OrderDriver.Placed order = driver.place(EngineClient.checkoutBody(SKU, 2, "erp@example.com"), null);

        driver.confirm(order.orderId());

        JsonNode delivery = await().atMost(WAIT)
                .until(
                        () -> delivery(endpointId, "order.confirmed", order.orderId()),
                        d -> d.isPresent() && d.get().path("status").asText().equals("DELIVERED"))
                .orElseThrow();
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("lastStatusCode").asInt()).isEqualTo(200);
        List<WebhookReceiver.Received> requests = receiver.at("/erp").stream()
                .filter(r -> r.body().contains(order.orderId()))
                .toList();
        assertThat(requests).hasSize(3).allSatisfy(request -> {
            assertThat(request.event()).isEqualTo("order.confirmed");
            assertThat(request.delivery()).isEqualTo(delivery.path("id").asText());
            assertThat(WebhookSignature.verify(
                            request.signature(), secret, request.body(), Instant.now(), Duration.ofMinutes(5)))
                    .isTrue();
            assertThat(WebhookSignature.verify(
                            request.signature(),
                            "whsec_some_other_secret",
                            request.body(),
                            Instant.now(),
                            Duration.ofMinutes(5)))
                    .isFalse();
        });
        JsonNode body = JSON.readTree(requests.get(2).body());
        assertThat(body.path("type").asText()).isEqualTo("order.confirmed");
        assertThat(body.path("id").asText()).isEqualTo(delivery.path("eventId").asText());
        assertThat(body.path("data").path("orderNumber").asText()).isEqualTo(order.orderNumber());
        assertThat(body.path("data").path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(body.path("data").path("totals").path("totalMinor").asLong()).isEqualTo(3540);
        assertThat(body.path("data").path("lines").get(0).path("sku").asText()).isEqualTo(SKU);
        assertThat(body.path("data").path("customer").path("email").asText()).isEqualTo("erp@example.com");
    }

    @Test
    void aSlowEndpointDoesNotHoldUpDeliveriesToOthers() {
        CountDownLatch slowReleased = receiver.hold("/slow-warehouse");
        String slowId = register("/slow-warehouse", "whsec_slow_receiver_0001", "order.cancelled")
                .path("id")
                .asText();
        register("/fast-warehouse", "whsec_fast_receiver_0001", "order.cancelled");
        OrderDriver.Placed order = driver.place(EngineClient.checkoutBody(SKU, 1, "slow@example.com"), null);

        driver.cancelByAdmin(order.orderId(), "customer called");

        await().atMost(WAIT)
                .until(() -> receiver.at("/fast-warehouse").stream()
                        .anyMatch(r -> r.body().contains(order.orderId())));
        assertThat(receiver.at("/slow-warehouse")).anyMatch(r -> r.body().contains(order.orderId()));
        assertThat(slowReleased.getCount()).isEqualTo(1);

        slowReleased.countDown();
        JsonNode slow = await().atMost(WAIT)
                .until(
                        () -> delivery(slowId, "order.cancelled", order.orderId()),
                        d -> d.isPresent() && d.get().path("status").asText().equals("DELIVERED"))
                .orElseThrow();
        assertThat(slow.path("attempts").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeliveryThatRunsOutOfTriesIsMarkedFailedAndAnAdminCanSendItAgain() throws Exception {
        receiver.answer("/stock-alerts", 503);
        String endpointId = register("/stock-alerts", "whsec_stock_receiver_001", "stock.low")
                .path("id")
                .asText();
        assertThat(client.registerSku(admin, "HOOK-LOW", 500, 3).status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> available("HOOK-LOW") == 3);

        assertThat(client.post("/api/v1/admin/skus/HOOK-LOW/stock", Map.of("delta", -2, "reason", "damaged"), admin)
                        .status())
                .isEqualTo(204);

        JsonNode failed = await().atMost(WAIT)
                .until(
                        () -> delivery(endpointId, "stock.low", "HOOK-LOW"),
                        d -> d.isPresent() && d.get().path("status").asText().equals("FAILED"))
                .orElseThrow();
        assertThat(failed.path("attempts").asInt()).isEqualTo(4);
        assertThat(failed.path("lastStatusCode").asInt()).isEqualTo(503);
        assertThat(failed.path("lastError").asText()).isEqualTo("HTTP 503");
        assertThat(receiver.at("/stock-alerts")).hasSize(4);

        receiver.answer("/stock-alerts", 204);
        EngineClient.Reply resent = client.post(
                "/api/v1/admin/webhook-deliveries/" + failed.path("id").asText() + "/resend", Map.of(), admin);

        assertThat(resent.status()).as("%s", resent).isEqualTo(202);
        assertThat(resent.text("status")).isEqualTo("PENDING");
        JsonNode delivered = await().atMost(WAIT)
                .until(
                        () -> delivery(endpointId, "stock.low", "HOOK-LOW"),
                        d -> d.isPresent() && d.get().path("status").asText().equals("DELIVERED"))
                .orElseThrow();
        assertThat(delivered.path("attempts").asInt()).isEqualTo(1);
        JsonNode body = JSON.readTree(receiver.at("/stock-alerts").get(4).body());
        assertThat(body.path("type").asText()).isEqualTo("stock.low");
        assertThat(body.path("data").path("sku").asText()).isEqualTo("HOOK-LOW");
        assertThat(body.path("data").path("available").asInt()).isEqualTo(1);
        assertThat(body.path("data").path("threshold").asInt()).isEqualTo(1);
    }

    @Test
    void theOutboxHoldsOneDeliveryPerEventAndEndpointWhateverTheRedeliveries() throws Exception {
        String endpointId = register("/once", "whsec_once_receiver_0001", "stock.low")
                .path("id")
                .asText();
        AnnotationEventHandlerAdapter outbox = new AnnotationEventHandlerAdapter(engine.bean(WebhookOutbox.class));
        EventMessage<?> event =
                GenericEventMessage.asEventMessage(new LowStockReachedEvent(new SkuCode("HOOK-ONCE"), 0, 2));

        outbox.handle(event);
        outbox.handle(event);

        await().atMost(WAIT)
                .until(
                        () -> delivery(endpointId, "stock.low", "HOOK-ONCE"),
                        d -> d.isPresent() && d.get().path("status").asText().equals("DELIVERED"));
        // a second delivery would be sent at once (a wake-up) or at the next poll, 0.2 s: five polls
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> receiver.at("/once").stream()
                                .filter(r -> r.body().contains(event.getIdentifier()))
                                .count()
                        == 1);
        assertThat(deliveries(endpointId))
                .filteredOn(d -> d.path("eventId").asText().equals(event.getIdentifier()))
                .hasSize(1);
    }

    @Test
    void adminsManageEndpointsAndOnlyAdmins() {
        Map<String, Object> unknownType = Map.of("url", receiver.url("/x"), "eventTypes", List.of("order.exploded"));
        Map<String, Object> badUrl = Map.of("url", "ftp://example.com/x", "eventTypes", List.of("order.shipped"));
        Map<String, Object> good = Map.of("url", receiver.url("/admin-check"), "eventTypes", List.of("order.shipped"));
        assertThat(client.post("/api/v1/admin/webhooks", unknownType, admin).status())
                .isEqualTo(400);
        assertThat(client.post("/api/v1/admin/webhooks", badUrl, admin).status())
                .isEqualTo(400);
        assertThat(client.post("/api/v1/admin/webhooks", good, client.token("eve", "CUSTOMER"))
                        .status())
                .isEqualTo(403);
        assertThat(client.post("/api/v1/admin/webhooks", good, null).status()).isEqualTo(401);

        EngineClient.Reply created = client.post("/api/v1/admin/webhooks", good, admin);
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.text("secret")).startsWith("whsec_").hasSizeGreaterThan(40);
        JsonNode listed = endpoints().stream()
                .filter(e -> e.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(listed.path("url").asText()).isEqualTo(receiver.url("/admin-check"));
        assertThat(listed.path("secret").isNull()).isTrue();

        assertThat(delete(id)).isEqualTo(204);
        assertThat(delete(id)).isEqualTo(404);
        assertThat(client.get("/api/v1/admin/webhooks/" + id + "/deliveries", admin)
                        .status())
                .isEqualTo(404);
        assertThat(client.post(
                                "/api/v1/admin/webhook-deliveries/00000000-0000-4000-8000-000000000000/resend",
                                Map.of(),
                                admin)
                        .status())
                .isEqualTo(404);
    }

    private static int delete(String id) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + engine.port() + "/api/v1/admin/webhooks/" + id))
                                    .header("Authorization", "Bearer " + admin)
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> endpoints() {
        EngineClient.Reply page = client.get("/api/v1/admin/webhooks?size=100", admin);
        assertThat(page.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.body().path("items").forEach(items::add);
        return items;
    }

    private static List<JsonNode> deliveries(String endpointId) {
        EngineClient.Reply page = client.get("/api/v1/admin/webhooks/" + endpointId + "/deliveries?size=100", admin);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.body().path("items").forEach(items::add);
        return items;
    }

    /** The endpoint's delivery of {@code type} whose body is about {@code subject} (an order id or a SKU). */
    private static Optional<JsonNode> delivery(String endpointId, String type, String subject) {
        return deliveries(endpointId).stream()
                .filter(d -> d.path("eventType").asText().equals(type)
                        && d.path("body").asText().contains(subject))
                .findFirst();
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
