package io.orderengine.api.admin.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.notifications.OrderDriver;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over HTTP on a running engine: a paid order of 2 × SHIP-A and 1 × SHIP-B ships in two parcels (PARTIALLY_SHIPPED,
 * then SHIPPED), shipping more than is left is refused naming what is left, and the order is DELIVERED once both
 * parcels arrived.
 */
class AdminShipmentsEngineTest {

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver orders;
    private static String admin;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        orders = new OrderDriver(engine);
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "SHIP-A", 1500, 20).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, "SHIP-B", 900, 20).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/skus?page=0&size=500", null)
                        .body()
                        .path("items")
                        .findValuesAsText("sku")
                        .containsAll(List.of("SHIP-A", "SHIP-B")));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Map<String, Object> twoLines() {
        Map<String, Object> body = new HashMap<>(EngineClient.checkoutBody("SHIP-A", 2, "dana@example.com"));
        body.put("items", List.of(Map.of("sku", "SHIP-A", "quantity", 2), Map.of("sku", "SHIP-B", "quantity", 1)));
        return body;
    }

    private static Reply ship(String orderId, String key, Map<String, Integer> lines) {
        List<Map<String, Object>> body = new ArrayList<>();
        lines.forEach((sku, quantity) -> body.add(Map.of("sku", sku, "quantity", quantity)));
        Map<String, Object> request = Map.of("lines", body, "carrier", "DHL", "trackingNumber", "JD0123");
        return key == null
                ? client.post("/api/v1/admin/orders/" + orderId + "/shipments", request, admin)
                : client.post(
                        "/api/v1/admin/orders/" + orderId + "/shipments",
                        request,
                        admin,
                        Map.of("Idempotency-Key", key));
    }

    private static Reply delivered(String orderId, String shipmentId) {
        return client.post(
                "/api/v1/admin/orders/" + orderId + "/shipments/" + shipmentId + "/delivered", Map.of(), admin);
    }

    private static Reply order(String orderId) {
        return client.get("/api/v1/orders/" + orderId, admin);
    }

    @Test
    void shipsATwoLineOrderInTwoPartsRefusesOverShippingAndDeliversIt() {
        String orderId = orders.place(twoLines(), null).orderId();
        orders.confirm(orderId);
        Reply processing =
                client.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "PROCESSING"), admin);
        assertThat(processing.status()).as("%s", processing).isEqualTo(202);

        Map<String, Integer> firstParcel = new java.util.LinkedHashMap<>();
        firstParcel.put("SHIP-A", 1);
        firstParcel.put("SHIP-B", 1);
        Reply first = ship(orderId, "parcel-1", firstParcel);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.text("shipmentId")).isEqualTo("S1");
        assertThat(first.text("status")).isEqualTo("SHIPPED");
        assertThat(first.text("carrier")).isEqualTo("DHL");
        assertThat(first.text("trackingNumber")).isEqualTo("JD0123");
        assertThat(first.text("shippedAt")).isNotBlank();
        assertThat(first.body().path("lines").findValuesAsText("sku")).containsExactly("SHIP-A", "SHIP-B");

        Reply retried = ship(orderId, "parcel-1", firstParcel);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.text("shipmentId"))
                .as("a retried key ships nothing twice")
                .isEqualTo("S1");

        Reply partly = order(orderId);
        assertThat(partly.text("status")).isEqualTo("PARTIALLY_SHIPPED");
        assertThat(partly.body().path("shipments")).hasSize(1);
        assertThat(client.get("/api/v1/admin/orders?status=PARTIALLY_SHIPPED&size=50", admin)
                        .body()
                        .path("items")
                        .findValuesAsText("orderId"))
                .contains(orderId);

        Reply tooMany = ship(orderId, null, Map.of("SHIP-A", 2));
        assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(409);
        assertThat(tooMany.text("detail")).contains("left to ship: 1 × SHIP-A");
        Reply done = ship(orderId, null, Map.of("SHIP-B", 1));
        assertThat(done.status()).as("SHIP-B has shipped already: %s", done).isEqualTo(409);
        Reply unknown = ship(orderId, null, Map.of("NOT-ON-ORDER", 1));
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(422);

        Reply second = ship(orderId, null, Map.of("SHIP-A", 1));
        assertThat(second.status()).as("%s", second).isEqualTo(201);
        assertThat(second.text("shipmentId")).isEqualTo("S2");
        assertThat(order(orderId).text("status")).isEqualTo("SHIPPED");

        assertThat(delivered(orderId, "S1").status()).isEqualTo(202);
        assertThat(delivered(orderId, "S1").status())
                .as("repeating a delivery is harmless")
                .isEqualTo(202);
        assertThat(order(orderId).text("status")).isEqualTo("SHIPPED");
        assertThat(delivered(orderId, "S9").status()).isEqualTo(422);

        assertThat(delivered(orderId, "S2").status()).isEqualTo(202);
        Reply arrived = order(orderId);
        assertThat(arrived.text("status")).isEqualTo("DELIVERED");
        assertThat(arrived.body().path("shipments").findValuesAsText("status"))
                .containsExactly("DELIVERED", "DELIVERED");
        assertThat(arrived.body().path("shipments").findValuesAsText("deliveredAt"))
                .allSatisfy(at -> assertThat(at).isNotBlank());
    }

    @Test
    void theAdminsShippedStatusShipsEverythingLeftInOneShipment() {
        String orderId = orders.place(twoLines(), null).orderId();
        orders.confirm(orderId);
        client.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "PROCESSING"), admin);
        assertThat(ship(orderId, null, Map.of("SHIP-B", 1)).status()).isEqualTo(201);

        Reply shipped = client.post(
                "/api/v1/admin/orders/" + orderId + "/status",
                Map.of("status", "SHIPPED", "trackingNumber", "TRK-REST"),
                admin);
        assertThat(shipped.status()).as("%s", shipped).isEqualTo(202);

        Reply view = order(orderId);
        assertThat(view.text("status")).isEqualTo("SHIPPED");
        assertThat(view.text("trackingNumber")).isEqualTo("TRK-REST");
        assertThat(view.body()
                        .path("shipments")
                        .get(1)
                        .path("lines")
                        .get(0)
                        .path("quantity")
                        .asInt())
                .isEqualTo(2);

        Reply deliveredAll =
                client.post("/api/v1/admin/orders/" + orderId + "/status", Map.of("status", "DELIVERED"), admin);
        assertThat(deliveredAll.status()).isEqualTo(202);
        assertThat(order(orderId).body().path("shipments").findValuesAsText("status"))
                .containsExactly("DELIVERED", "DELIVERED");
    }
}
