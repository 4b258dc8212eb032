package io.orderengine.api.admin.checkouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.infrastructure.deadline.MongoDeadlineManager;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saga operations console lists running checkouts from the saga store with their stage, age, deadline and last
 * error, and calls the ones a human must look at stuck: an order put into ATTENTION, and a checkout abandoned past
 * its payment deadline whose deadline was not delivered (the deadline manager is held for that). Compensating the
 * first and letting the deadline through for the second ends both sagas.
 */
class SagaConsoleTest {

    /**
     * Short, because nothing here needs the deadline not to have passed yet: the deadline manager is held before the
     * first order is placed, so no payment deadline can be delivered early, and the running listing includes stuck
     * checkouts. The test waits for it to pass before it looks for the abandoned checkout among the stuck ones.
     */
    private static final Duration PAYMENT_DEADLINE = Duration.ofSeconds(3);

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static String admin;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.payments.deadline", PAYMENT_DEADLINE.toSeconds() + "s");
        engine = RunningEngine.start(properties);
        client = engine.client();
        admin = client.token("ops-1", "ADMIN");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    record Placed(String id, String actionUrl, Instant placedAt) {}

    @Test
    void listsRunningCheckoutsAndCallsTheAbandonedOneAndTheOneInAttentionStuck() {
        MongoDeadlineManager deadlines = engine.bean(MongoDeadlineManager.class);
        deadlines.shutdown();
        assertThat(client.registerSku(admin, "CONSOLE-MUG", 1500, 10).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> available("CONSOLE-MUG") == 10);

        Placed abandoned = place("abandoned@example.com");
        Placed attention = place("attention@example.com");
        Placed paid = place("paid@example.com");
        client.post(paid.actionUrl(), Map.of("outcome", "approve"), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(status(paid.id())));
        engine.bean(CommandGateway.class)
                .sendAndWait(new FlagOrderForAttentionCommand(
                        new OrderId(attention.id()), Actor.admin("ops-1"), "customer disputes the shipping address"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "ATTENTION".equals(status(attention.id())));

        List<JsonNode> running = list("running");
        assertThat(ids(running)).containsExactly(abandoned.id(), attention.id());
        JsonNode waiting = running.get(0);
        assertThat(waiting.path("stage").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(waiting.path("orderStatus").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(waiting.path("orderNumber").asText()).startsWith("ORD-");
        assertThat(waiting.path("provider").asText()).isEqualTo("sandbox");
        assertThat(waiting.path("totalMinor").asLong()).isPositive();
        assertThat(waiting.path("ageSeconds").asLong()).isBetween(0L, 120L);
        assertThat(waiting.path("failedStep").isNull()).isTrue();
        Instant dueAt = Instant.parse(waiting.path("paymentDueAt").asText());
        assertThat(Duration.between(abandoned.placedAt(), dueAt)).isEqualTo(PAYMENT_DEADLINE);
        assertThat(waiting.path("deadline").path("kind").asText()).isEqualTo("payment");
        assertThat(Duration.between(
                                dueAt,
                                Instant.parse(
                                        waiting.path("deadline").path("at").asText()))
                        .abs())
                .isLessThan(Duration.ofSeconds(5));
        JsonNode flagged = running.get(1);
        assertThat(flagged.path("orderStatus").asText()).isEqualTo("ATTENTION");
        assertThat(flagged.path("lastError").asText()).isEqualTo("customer disputes the shipping address");
        assertThat(flagged.path("stuck").asBoolean()).isTrue();
        assertThat(flagged.path("stuckBecause").toString()).contains("order-in-attention");

        List<JsonNode> confirmed = list("confirmed");
        assertThat(ids(confirmed)).containsExactly(paid.id());
        assertThat(confirmed.get(0).path("stage").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get(0).path("deadline").isNull()).isTrue();
        assertThat(confirmed.get(0).path("stuck").asBoolean()).isFalse();

        await().atMost(Duration.ofSeconds(90)).until(() -> ids(list("stuck")).contains(abandoned.id()));
        List<JsonNode> stuck = list("stuck");
        assertThat(ids(stuck)).containsExactly(abandoned.id(), attention.id());
        assertThat(stuck.get(0).path("stuckBecause").toString()).contains("payment-deadline-passed");
        assertThat(ids(list("all"))).containsExactlyInAnyOrder(abandoned.id(), attention.id(), paid.id());
        Reply one = client.get("/api/v1/admin/sagas/" + abandoned.id(), admin);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("stage")).isEqualTo("AWAITING_PAYMENT");
        assertThat(one.body().path("stuck").asBoolean()).isTrue();
        System.out.printf(
                "saga console: running=%d stuck=%d confirmed=%d all=%d before the fixes%n",
                running.size(), stuck.size(), confirmed.size(), list("all").size());

        Reply compensate = client.post(
                "/api/v1/admin/sagas/" + attention.id() + "/compensate",
                Map.of("note", "address cannot be verified"),
                admin);
        assertThat(compensate.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(status(attention.id())));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/admin/sagas/" + attention.id(), admin)
                                .status()
                        == 404);

        deadlines.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(status(abandoned.id())));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> list("running").isEmpty() && list("stuck").isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> reserved("CONSOLE-MUG") == 0);
        assertThat(ids(list("all"))).containsExactly(paid.id());
        System.out.printf(
                "saga console: after compensate + deadline delivered: running=%d stuck=%d all=%d; "
                        + "CONSOLE-MUG reserved %d%n",
                list("running").size(), list("stuck").size(), list("all").size(), reserved("CONSOLE-MUG"));
    }

    @Test
    void onlyAdminsSeeTheConsoleAndUnknownFiltersAreRefused() {
        String customer = client.token("alice", "CUSTOMER");
        assertThat(client.get("/api/v1/admin/sagas", customer).status()).isEqualTo(403);
        assertThat(client.get("/api/v1/admin/sagas", null).status()).isEqualTo(401);
        assertThat(client.get("/api/v1/admin/sagas?state=sleeping", admin).status())
                .isEqualTo(400);
        assertThat(client.get("/api/v1/admin/sagas?state=all&size=0", admin).status())
                .isEqualTo(400);
        assertThat(client.get("/api/v1/admin/sagas/" + UUID.randomUUID(), admin).status())
                .isEqualTo(404);
        assertThat(client.get("/api/v1/admin/sagas/..%2F..%2Fetc", admin).status())
                .isBetween(400, 404);
    }

    private static Placed place(String email) {
        Reply placed = client.checkout(EngineClient.checkoutBody("CONSOLE-MUG", 1, email), null);
        assertThat(placed.status()).isEqualTo(201);
        String id = placed.text("orderId");
        await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_PAYMENT".equals(status(id)));
        JsonNode order = client.get("/api/v1/admin/orders/" + id, admin).body();
        return new Placed(
                id,
                order.path("payment").path("action").path("url").asText(),
                Instant.parse(order.path("placedAt").asText()));
    }

    private static String status(String orderId) {
        return client.get("/api/v1/admin/orders/" + orderId, admin).text("status");
    }

    private static List<JsonNode> list(String state) {
        Reply reply = client.get("/api/v1/admin/sagas?state=" + state + "&size=100", admin);
        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.body().path("items").forEach(items::add);
        assertThat(reply.body().path("total").asInt()).isEqualTo(items.size());
        return items;
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.path("orderId").asText()).toList();
    }

    private static int available(String sku) {
        JsonNode item = sku(sku);
        return item == null ? -1 : item.path("available").asInt();
    }

    private static int reserved(String sku) {
        JsonNode item = sku(sku);
        return item == null ? -1 : item.path("reserved").asInt();
    }

    private static JsonNode sku(String code) {
        for (JsonNode item :
                client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (code.equals(item.path("sku").asText())) {
                return item;
            }
        }
        return null;
    }
}
