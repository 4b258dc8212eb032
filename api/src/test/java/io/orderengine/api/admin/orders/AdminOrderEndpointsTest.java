package io.orderengine.api.admin.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AddAdminNoteCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin's read endpoints over a running engine: order search with every parameter checked, dashboard, daily
 * metrics, customer statistics, low stock, the audit trail from the event store, the order as of a moment, and
 * archival (with {@code engine.archive.after} set to one second so orders become due during the test). The tests
 * that cancel and archive orders run last, so the others see the three orders as placed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminOrderEndpointsTest {

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static String admin;
    private static String alice;
    private static String aliceFirst;
    private static String aliceSecond;
    private static String guestOrder;
    private static String guestToken;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.archive.after", "1s");
        engine = RunningEngine.start(properties);
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
        alice = client.token("alice", "CUSTOMER");
        assertThat(client.registerSku(admin, "ADMIN-MUG", 1000, 100).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, "ADMIN-LAST-ONE", 4000, 1).status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/skus?page=0&size=500", null)
                        .body()
                        .path("items")
                        .findValuesAsText("sku")
                        .containsAll(List.of("ADMIN-MUG", "ADMIN-LAST-ONE")));
        aliceFirst = place(EngineClient.checkoutBody("ADMIN-MUG", 1, "alice@example.com"), alice)
                .text("orderId");
        aliceSecond = place(EngineClient.checkoutBody("ADMIN-MUG", 3, "alice@example.com"), alice)
                .text("orderId");
        Reply guest = place(EngineClient.checkoutBody("ADMIN-MUG", 2, "walk.in@example.com"), null);
        guestOrder = guest.text("orderId");
        guestToken = guest.text("guestToken");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/admin/orders?size=50", admin)
                                .body()
                                .path("total")
                                .asInt()
                        == 3);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Reply place(Map<String, Object> body, String token) {
        Reply placed = client.checkout(body, token);
        assertThat(placed.status()).isEqualTo(201);
        return placed;
    }

    private static List<String> ids(Reply page) {
        List<String> ids = new ArrayList<>();
        page.body().path("items").forEach(item -> ids.add(item.path("orderId").asText()));
        return ids;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void searchesFiltersSortsAndPagesTheOrders() {
        Reply byEmail = client.get("/api/v1/admin/orders?q=ALICE@EXAMPLE", admin);
        Reply cheapestFirst = client.get("/api/v1/admin/orders?sort=total,asc", admin);
        Reply secondPage = client.get("/api/v1/admin/orders?sort=total,desc&page=1&size=2", admin);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Reply today1 = client.get("/api/v1/admin/orders?from=" + today + "&to=" + today, admin);
        Reply future = client.get(
                "/api/v1/admin/orders?from="
                        + encoded(Instant.now().plusSeconds(3600).toString()),
                admin);
        Reply paidOnly = client.get("/api/v1/admin/orders?paymentStatus=refunded", admin);

        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(ids(byEmail)).containsExactlyInAnyOrder(aliceFirst, aliceSecond);
        assertThat(ids(cheapestFirst)).containsExactly(aliceFirst, guestOrder, aliceSecond);
        assertThat(secondPage.body().path("page").asInt()).isEqualTo(1);
        assertThat(secondPage.body().path("size").asInt()).isEqualTo(2);
        assertThat(secondPage.body().path("total").asInt()).isEqualTo(3);
        assertThat(ids(secondPage)).containsExactly(aliceFirst);
        assertThat(ids(today1)).hasSize(3);
        assertThat(ids(future)).isEmpty();
        assertThat(ids(paidOnly)).isEmpty();
        JsonNode row = cheapestFirst.body().path("items").get(0);
        assertThat(row.path("customerEmail").asText()).isEqualTo("alice@example.com");
        assertThat(row.path("customerName").asText()).isEqualTo("Noa Cohen");
        assertThat(row.has("totalMinor")).isTrue();
    }

    @Test
    @Order(2)
    void rejectsEveryMalformedSearchParameterWithAProblem() {
        String longText = "x".repeat(101);
        for (String query : List.of(
                "status=LOST",
                "paymentStatus=maybe",
                "from=yesterday",
                "to=2025-13-01",
                "from=2025-03-14&to=2025-03-13",
                "sort=price,asc",
                "sort=total",
                "page=-1",
                "page=first",
                "size=0",
                "size=501",
                "includeArchived=perhaps",
                "q=" + longText,
                "q=%00",
                "q=ORD%0A-1")) {
            Reply reply = client.get("/api/v1/admin/orders?" + query, admin);

            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.headers().get("Content-Type"))
                    .as(query)
                    .anySatisfy(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(reply.text("type")).as(query).isEqualTo("urn:order-engine:problem:validation");
            assertThat(reply.text("detail")).as(query).contains("'");
        }
    }

    @Test
    @Order(3)
    void keepsTheAdminEndpointsForAdmins() {
        for (String path : List.of(
                "/api/v1/admin/orders",
                "/api/v1/admin/dashboard",
                "/api/v1/admin/metrics/daily",
                "/api/v1/admin/customers/alice/stats",
                "/api/v1/admin/skus/low-stock",
                "/api/v1/admin/orders/" + guestOrder + "/audit",
                "/api/v1/admin/orders/" + guestOrder)) {
            assertThat(client.get(path, alice).status()).as(path).isEqualTo(403);
            assertThat(client.get(path, null).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    @Order(4)
    void showsTheDashboardMetricsCustomerStatsAndLowStock() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/admin/dashboard", admin)
                                .body()
                                .path("ordersToday")
                                .asInt()
                        == 3);

        Reply dashboard = client.get("/api/v1/admin/dashboard", admin);
        Reply daily = client.get("/api/v1/admin/metrics/daily?date=" + today, admin);
        Reply badDay = client.get("/api/v1/admin/metrics/daily?date=14.03.2025", admin);
        Reply stats = client.get("/api/v1/admin/customers/alice/stats", admin);
        Reply nobody = client.get("/api/v1/admin/customers/nobody/stats", admin);
        Reply lowStock = client.get("/api/v1/admin/skus/low-stock", admin);

        assertThat(dashboard.text("date")).isEqualTo(today);
        assertThat(dashboard.body().path("ordersByStatus").size())
                .as("a count for every status, PARTIALLY_SHIPPED and PARTIALLY_RETURNED too")
                .isEqualTo(OrderStatus.values().length);
        assertThat(dashboard.body().path("ordersByStatus").has("PARTIALLY_SHIPPED"))
                .isTrue();
        assertThat(dashboard.body().path("ordersByStatus").has("PARTIALLY_RETURNED"))
                .isTrue();
        assertThat(daily.body().path("orders").asInt()).isEqualTo(3);
        assertThat(daily.body().has("paymentSuccessRate")).isTrue();
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(stats.body().path("orderCount").asInt()).isEqualTo(2);
        assertThat(stats.text("customerId")).isEqualTo("alice");
        assertThat(nobody.body().path("orderCount").asInt()).isZero();
        assertThat(lowStock.body().path("items").findValuesAsText("sku"))
                .contains("ADMIN-LAST-ONE")
                .doesNotContain("ADMIN-MUG");
        assertThat(lowStock.body().path("size").asInt()).isEqualTo(20);
    }

    @Test
    @Order(5)
    void tellsAnOrdersHistoryFromTheEventStoreWithoutTheGuestTokenHash() {
        Reply audit = client.get("/api/v1/admin/orders/" + guestOrder + "/audit", admin);
        Reply unknown = client.get("/api/v1/admin/orders/" + OrderId.random().value() + "/audit", admin);
        Reply malformed = client.get("/api/v1/admin/orders/not-an-id/audit", admin);

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.text("orderId")).isEqualTo(guestOrder);
        JsonNode placed = audit.body().path("events").get(0);
        assertThat(placed.path("sequence").asLong()).isZero();
        assertThat(placed.path("type").asText()).isEqualTo("OrderPlacedEvent");
        assertThat(placed.path("payload").path("customer").path("email").asText())
                .isEqualTo("walk.in@example.com");
        assertThat(placed.path("at").asText()).isNotBlank();
        assertThat(placed.path("metadata").isObject()).isTrue();
        assertThat(audit.body().toString()).doesNotContain("guestTokenHash");
        List<Long> sequences = new ArrayList<>();
        audit.body()
                .path("events")
                .forEach(event -> sequences.add(event.path("sequence").asLong()));
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void rebuildsTheOrderAsItWasAtAnEarlierMoment() {
        CommandGateway commands = engine.bean(CommandGateway.class);
        commands.sendAndWait(new CancelOrderCommand(new OrderId(aliceFirst), Actor.customer("alice"), "too slow"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CANCELLED"
                        .equals(client.get("/api/v1/admin/orders/" + aliceFirst, admin)
                                .text("status")));
        JsonNode events = client.get("/api/v1/admin/orders/" + aliceFirst + "/audit", admin)
                .body()
                .path("events");
        String placedAt = events.get(0).path("at").asText();
        String cancelledAt = events.get(events.size() - 1).path("at").asText();
        Instant beforeCancel = Instant.parse(cancelledAt).minusMillis(1);

        Reply atPlacement = client.get("/api/v1/admin/orders/" + aliceFirst + "?asOf=" + encoded(placedAt), admin);
        Reply beforeCancellation =
                client.get("/api/v1/admin/orders/" + aliceFirst + "?asOf=" + encoded(beforeCancel.toString()), admin);
        Reply beforePlacement = client.get(
                "/api/v1/admin/orders/" + aliceFirst + "?asOf="
                        + encoded(Instant.parse(placedAt).minusSeconds(1).toString()),
                admin);
        Reply now = client.get(
                "/api/v1/admin/orders/" + aliceFirst + "?asOf="
                        + encoded(Instant.now().plusSeconds(60).toString()),
                admin);
        Reply badMoment = client.get("/api/v1/admin/orders/" + aliceFirst + "?asOf=soon", admin);

        assertThat(atPlacement.text("status")).isEqualTo("PENDING");
        assertThat(atPlacement.body().path("statusHistory").size()).isEqualTo(1);
        assertThat(beforeCancellation.text("status")).isNotEqualTo("CANCELLED");
        assertThat(beforePlacement.status()).isEqualTo(404);
        assertThat(now.body())
                .isEqualTo(
                        client.get("/api/v1/admin/orders/" + aliceFirst, admin).body());
        assertThat(badMoment.status()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void archivesFinishedOrdersAndStillFindsThemWhenAsked() {
        CommandGateway commands = engine.bean(CommandGateway.class);
        commands.sendAndWait(new CancelOrderCommand(new OrderId(guestOrder), Actor.guest(guestOrder), "no longer"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CANCELLED"
                        .equals(client.get("/api/v1/orders/" + guestOrder + "?token=" + guestToken, null)
                                .text("status")));
        OrderArchivalJob job = engine.bean(OrderArchivalJob.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            job.archiveDue();
            return !ids(client.get("/api/v1/admin/orders?size=50", admin)).contains(guestOrder);
        });

        assertThat(ids(client.get("/api/v1/admin/orders?size=50&includeArchived=true", admin)))
                .contains(guestOrder);
        assertThat(client.get("/api/v1/orders/" + guestOrder + "?token=" + guestToken, null)
                        .text("status"))
                .isEqualTo("CANCELLED");
        commands.sendAndWait(new AddAdminNoteCommand(
                new OrderId(guestOrder), Actor.admin("admin-1"), "refund checked after archival"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/admin/orders/" + guestOrder, admin)
                                .body()
                                .path("adminNotes")
                                .size()
                        == 1);
        assertThat(ids(client.get("/api/v1/admin/orders?size=50", admin))).doesNotContain(guestOrder);
    }
}
