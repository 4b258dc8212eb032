package io.orderengine.api.shop.orders.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout page follows an order over {@code GET /api/v1/orders/{id}/stream}: read here with a real HTTP client,
 * it gets the current state first, then each status change, and is closed once the checkout is over.
 */
class OrderLiveStreamTest {

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        java.util.Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.orders.stream-heartbeat", "1s");
        engine = RunningEngine.start(properties);
        client = engine.client();
        String admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "LIVE-MUG", 1500, 50).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/skus?page=0&size=500", null)
                        .body()
                        .path("items")
                        .findValuesAsText("sku")
                        .contains("LIVE-MUG"));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private record GuestOrder(String id, String token) {}

    private GuestOrder placeGuestOrder() {
        Reply placed = client.checkout(EngineClient.checkoutBody("LIVE-MUG", 1, "guest@example.com"), null);
        assertThat(placed.status()).isEqualTo(201);
        GuestOrder order = new GuestOrder(placed.text("orderId"), placed.text("guestToken"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/orders/" + order.id() + "?token=" + order.token(), null)
                                .status()
                        == 200);
        return order;
    }

    private ServerSentEvents stream(String orderId, String query, String bearer) {
        return ServerSentEvents.open(
                HTTP,
                URI.create("http://127.0.0.1:" + engine.port() + "/api/v1/orders/" + orderId + "/stream" + query),
                bearer);
    }

    @Test
    void aStreamWhoseClientHasGoneIsReleasedByTheHeartbeat() {
        GuestOrder order = placeGuestOrder();
        LiveOrderStreams streams = engine.bean(LiveOrderStreams.class);

        ServerSentEvents events = stream(order.id(), "?token=" + order.token(), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.statuses().isEmpty());
        assertThat(streams.open()).isPositive();
        events.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> streams.open() == 0);
    }

    @Test
    void pushesEachStatusChangeUntilTheCheckoutIsOver() {
        GuestOrder order = placeGuestOrder();
        CommandGateway commands = engine.bean(CommandGateway.class);

        try (ServerSentEvents events = stream(order.id(), "?token=" + order.token(), null)) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.contentType()).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !events.statuses().isEmpty());
            if (events.statuses().get(0).equals("PENDING")) {
                // Without a checkout saga nothing moves the order on; with one, it may have done this already.
                commands.send(new AwaitPaymentCommand(
                        new OrderId(order.id()),
                        PaymentMethod.SANDBOX,
                        "sbx-live-1",
                        new PaymentAction("sandbox", "/api/v1/payments/sandbox/sbx-live-1", null)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> events.statuses().contains("AWAITING_PAYMENT"));
            assertThat(events.closed()).isFalse();

            commands.sendAndWait(
                    new CancelOrderCommand(new OrderId(order.id()), Actor.admin("admin-1"), "customer called"));

            events.awaitClosed(Duration.ofSeconds(30));
            assertThat(events.statuses()).endsWith("AWAITING_PAYMENT", "CANCELLED");
            assertThat(events.events().get(events.events().size() - 1).name()).isEqualTo("end");
            assertThat(events.events().get(0).data().path("orderId").asText()).isEqualTo(order.id());
            assertThat(events.events().get(0).data().has("guestTokenHash")).isFalse();
        }
    }

    @Test
    void sendsTheCurrentStateAndEndsAtOnceWhenTheCheckoutIsAlreadyOver() {
        GuestOrder order = placeGuestOrder();
        engine.bean(CommandGateway.class)
                .sendAndWait(
                        new CancelOrderCommand(new OrderId(order.id()), Actor.guest(order.id()), "changed my mind"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CANCELLED"
                        .equals(client.get("/api/v1/orders/" + order.id() + "?token=" + order.token(), null)
                                .text("status")));

        try (ServerSentEvents events = stream(order.id(), "?token=" + order.token(), null)) {
            events.awaitClosed(Duration.ofSeconds(10));

            assertThat(events.statuses()).containsExactly("CANCELLED");
            assertThat(events.events()).extracting(ServerSentEvents.Event::name).containsExactly("order", "end");
        }
    }

    @Test
    void answersNotFoundToAnyoneButTheOwnerAGuestWithTheTokenOrAnAdmin() {
        GuestOrder order = placeGuestOrder();
        String stranger = client.token("mallory", "CUSTOMER");

        try (ServerSentEvents anonymous = stream(order.id(), "", null);
                ServerSentEvents wrongToken = stream(order.id(), "?token=not-the-token", null);
                ServerSentEvents otherCustomer = stream(order.id(), "", stranger);
                ServerSentEvents unknown = stream(OrderId.random().value(), "", client.token("admin-1", "ADMIN"));
                ServerSentEvents admin = stream(order.id(), "", client.token("admin-1", "ADMIN"))) {
            assertThat(anonymous.status()).isEqualTo(404);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            assertThat(wrongToken.status()).isEqualTo(404);
            assertThat(otherCustomer.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(admin.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> !admin.statuses().isEmpty());
        }
    }
}
