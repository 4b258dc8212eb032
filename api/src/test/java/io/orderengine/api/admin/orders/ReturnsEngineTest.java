package io.orderengine.api.admin.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.notifications.OrderDriver;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;

/**
 * Over HTTP on a running engine (issue #18): a paid order of 2 × RET-A and 1 × RET-B ships in two parcels, both
 * arrive; one RET-A comes back restocked, the RET-B damaged; the admin's "RETURNED" brings the last RET-A back. Refunds
 * and stock are compared with what they must be to the cent, illegal returns are refused, the window closes, and a
 * rebuild of the order read model gives the same view.
 */
class ReturnsEngineTest {

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver orders;
    private static String admin;

    /** The engine's clock: the system's, which a test moves past the return window and back. */
    static final ShiftedClock CLOCK = new ShiftedClock();

    static final class ShiftedClock extends Clock {
        private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

        void advance(Duration duration) {
            shift.updateAndGet(current -> current.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift.get());
        }
    }

    /** Added to the engine's sources (not a scanned configuration): the clock above replaces the system clock. */
    static class MovableClock {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void start() {
        Map<String, Object> properties = new HashMap<>(TestStore.fresh(folder));
        properties.put("spring.main.allow-bean-definition-overriding", "true");
        properties.put("spring.main.sources", MovableClock.class.getName());
        engine = RunningEngine.start(properties);
        client = engine.client();
        orders = new OrderDriver(engine);
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "RET-A", 1500, 20).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, "RET-B", 900, 20).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/skus?page=0&size=500", null)
                        .body()
                        .path("items")
                        .findValuesAsText("sku")
                        .containsAll(List.of("RET-A", "RET-B")));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Reply post(String path, Object body) {
        return client.post(path, body, admin);
    }

    private static JsonNode order(String orderId) {
        return client.get("/api/v1/orders/" + orderId, admin).body();
    }

    private static JsonNode sku(String code) {
        for (JsonNode item :
                client.get("/api/v1/skus?page=0&size=500", null).body().path("items")) {
            if (item.path("sku").asText().equals(code)) {
                return item;
            }
        }
        throw new AssertionError("no sku " + code);
    }

    private static Reply askReturn(String orderId, String sku, int quantity) {
        return post(
                "/api/v1/orders/" + orderId + "/returns",
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity, "reason", "too small"))));
    }

    private static Reply receive(String orderId, String returnId, String sku, boolean restock) {
        return post(
                "/api/v1/admin/orders/" + orderId + "/returns/" + returnId + "/receive",
                Map.of(
                        "lines",
                        List.of(Map.of("sku", sku, "quantity", 1, "restock", restock)),
                        "refundShipping",
                        false,
                        "note",
                        "checked"));
    }

    /** ⌊G·value/S⌋ with G = total − shipping and S = subtotal: the rule of docs/payments.md. */
    private static long share(JsonNode totals, long value) {
        long goods = totals.path("totalMinor").asLong()
                - totals.path("shippingMinor").asLong();
        return Math.floorDiv(goods * value, totals.path("subtotalMinor").asLong());
    }

    private static JsonNode awaitReturn(String orderId, String returnId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode r : order(orderId).path("returns")) {
                if (r.path("returnId").asText().equals(returnId)) {
                    return r.path("status").asText().equals(status);
                }
            }
            return false;
        });
        for (JsonNode r : order(orderId).path("returns")) {
            if (r.path("returnId").asText().equals(returnId)) {
                return r;
            }
        }
        throw new AssertionError();
    }

    @Test
    void aShippedAndDeliveredOrderComesBackInPartsRestockedAndRefundedToTheCent() {
        Map<String, Object> body = new HashMap<>(EngineClient.checkoutBody("RET-A", 2, "erin@example.com"));
        body.put("items", List.of(Map.of("sku", "RET-A", "quantity", 2), Map.of("sku", "RET-B", "quantity", 1)));
        String orderId = orders.place(body, null).orderId();
        orders.confirm(orderId);
        assertThat(post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "PROCESSING"))
                        .status())
                .isEqualTo(202);
        Reply tooEarly = askReturn(orderId, "RET-A", 1);
        assertThat(tooEarly.status()).as("nothing shipped yet: %s", tooEarly).isEqualTo(409);

        String shipments = "/api/v1/admin/orders/" + orderId + "/shipments";
        assertThat(post(shipments, Map.of("lines", List.of(Map.of("sku", "RET-A", "quantity", 1))))
                        .status())
                .isEqualTo(201);
        assertThat(post(
                                shipments,
                                Map.of(
                                        "lines",
                                        List.of(
                                                Map.of("sku", "RET-A", "quantity", 1),
                                                Map.of("sku", "RET-B", "quantity", 1))))
                        .status())
                .isEqualTo(201);
        assertThat(post(shipments + "/S1/delivered", Map.of()).status()).isEqualTo(202);
        assertThat(post(shipments + "/S2/delivered", Map.of()).status()).isEqualTo(202);
        JsonNode delivered = order(orderId);
        assertThat(delivered.path("status").asText()).isEqualTo("DELIVERED");
        JsonNode totals = delivered.path("totals");
        long total = totals.path("totalMinor").asLong();
        long shipping = totals.path("shippingMinor").asLong();
        int onHandA = sku("RET-A").path("onHand").asInt();
        int onHandB = sku("RET-B").path("onHand").asInt();
        assertThat(onHandA).isEqualTo(18);
        assertThat(onHandB).isEqualTo(19);

        Reply tooMany = askReturn(orderId, "RET-A", 3);
        assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(409);
        assertThat(tooMany.text("detail")).contains("shipped and not yet returned: 2 × RET-A, 1 × RET-B");
        assertThat(askReturn(orderId, "NOT-ON-ORDER", 1).status()).isEqualTo(422);

        Reply first = askReturn(orderId, "RET-A", 1);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.text("returnId")).isEqualTo("R1");
        assertThat(first.text("status")).isEqualTo("REQUESTED");
        assertThat(first.body().path("lines").get(0).path("reason").asText()).isEqualTo("too small");
        Reply second = askReturn(orderId, "RET-B", 1);
        assertThat(second.text("returnId")).isEqualTo("R2");
        Reply third = askReturn(orderId, "RET-A", 1);
        assertThat(third.text("returnId")).isEqualTo("R3");
        Reply rejected = post("/api/v1/admin/orders/" + orderId + "/returns/R3/reject", Map.of("reason", "worn"));
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(202);
        assertThat(awaitReturn(orderId, "R3", "REJECTED").path("refundMinor").asLong())
                .isZero();

        assertThat(receive(orderId, "R1", "RET-A", true).status()).isEqualTo(202);
        assertThat(receive(orderId, "R2", "RET-B", false).status()).isEqualTo(202);
        assertThat(receive(orderId, "R2", "RET-B", false).status())
                .as("received once")
                .isEqualTo(409);

        long refundA = share(totals, 1500);
        long refundB = share(totals, 2400) - share(totals, 1500);
        JsonNode r1 = awaitReturn(orderId, "R1", "REFUNDED");
        JsonNode r2 = awaitReturn(orderId, "R2", "REFUNDED");
        assertThat(r1.path("refundMinor").asLong()).isEqualTo(refundA);
        assertThat(r2.path("refundMinor").asLong()).isEqualTo(refundB);
        assertThat(r1.path("lines").get(0).path("restock").asBoolean()).isTrue();
        assertThat(r2.path("lines").get(0).path("restock").asBoolean()).isFalse();
        assertThat(r1.path("receivedAt").asText()).isNotBlank();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        order(orderId).path("payment").path("refundedMinor").asLong() == refundA + refundB);
        JsonNode partly = order(orderId);
        assertThat(partly.path("status").asText()).isEqualTo("PARTIALLY_RETURNED");
        assertThat(partly.path("paymentStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sku("RET-A").path("onHand").asInt() == onHandA + 1);
        assertThat(sku("RET-B").path("onHand").asInt())
                .as("damaged: not back on hand")
                .isEqualTo(onHandB);
        assertThat(client.get("/api/v1/admin/orders?status=PARTIALLY_RETURNED&size=50", admin)
                        .body()
                        .path("items")
                        .findValuesAsText("orderId"))
                .contains(orderId);

        Reply noChoice = post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "RETURNED"));
        assertThat(noChoice.status()).as("%s", noChoice).isEqualTo(422);
        Reply everything = post(
                "/api/v1/admin/orders/" + orderId + "/status",
                Map.of("status", "RETURNED", "restock", true, "note", "parcel back"));
        assertThat(everything.status()).as("%s", everything).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        order(orderId).path("payment").path("refundedMinor").asLong() == total - shipping);
        JsonNode returned = order(orderId);
        assertThat(returned.path("status").asText()).isEqualTo("RETURNED");
        assertThat(returned.path("paymentStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sku("RET-A").path("onHand").asInt() == onHandA + 2);
        assertThat(returned.path("statusHistory").findValuesAsText("to"))
                .containsSubsequence("DELIVERED", "PARTIALLY_RETURNED", "RETURNED");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/admin/metrics/daily", admin)
                                .body()
                                .path("returnedUnits")
                                .asLong()
                        >= 3);

        JsonNode before = order(orderId);
        Reply rebuild = post("/api/v1/admin/projections/order-detail/rebuild", Map.of());
        assertThat(rebuild.status()).as("%s", rebuild).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> "DONE"
                        .equals(client.get("/api/v1/admin/projections/order-detail", admin)
                                .body()
                                .path("rebuild")
                                .path("state")
                                .asText()));
        assertThat(order(orderId)).as("the rebuilt view").isEqualTo(before);
    }

    @Test
    void unitsDeliveredLongerAgoThanTheWindowCannotBeReturned() {
        OrderDriver.Placed placed = orders.place(EngineClient.checkoutBody("RET-A", 1, "finn@example.com"), null);
        String orderId = placed.orderId();
        orders.confirm(orderId);
        post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "PROCESSING"));
        post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "SHIPPED"));
        post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "DELIVERED"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> order(orderId).path("status").asText().equals("DELIVERED"));
        CLOCK.advance(Duration.ofDays(31));
        try {
            // as the guest (an admin's token would have expired a month later)
            Reply late = client.post(
                    "/api/v1/orders/" + orderId + "/returns?token=" + placed.guestToken(),
                    Map.of("lines", List.of(Map.of("sku", "RET-A", "quantity", 1))),
                    null);
            assertThat(late.status()).as("%s", late).isEqualTo(409);
            assertThat(late.text("detail")).contains("the return window has closed");
        } finally {
            CLOCK.advance(Duration.ofDays(-31));
        }
    }
}
