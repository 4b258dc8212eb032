package io.orderengine.api.admin.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.notifications.OrderDriver;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Order edits over HTTP on an order that is not paid yet: the payment under way is replaced by one for the new total,
 * and paying that one confirms the order with every SKU it holds sold. Mugs sell at 10.00 EUR and lamps at 40.00 EUR
 * to Tel Aviv (18 % tax, shipping 5.00 below 50.00).
 */
class UnpaidOrderEditHttpTest {

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver orders;
    private static String admin;
    private static String alice;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        orders = new OrderDriver(engine);
        admin = client.token("admin-unpaid-edit", "ADMIN");
        alice = client.token("alice-unpaid-edit", "CUSTOMER");
        assertThat(client.registerSku(admin, "UNPAID-MUG", 1000, 20).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, "UNPAID-LAMP", 4000, 10).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void anUnpaidOrderEditedToAHigherTotalIsPaidThroughANewSandboxLinkAndSellsTheAddedSku() {
        String orderId = orders.place(EngineClient.checkoutBody("UNPAID-MUG", 1, "alice@example.com"), alice)
                .orderId();
        orders.awaitStatus(orderId, OrderStatus.AWAITING_PAYMENT);
        await().atMost(Duration.ofSeconds(60)).until(() -> !paymentUrl(orderId).isEmpty());
        String firstUrl = paymentUrl(orderId);
        int lampsOnHand = sku("UNPAID-LAMP").path("onHand").asInt();

        Reply edited = client.post(
                "/api/v1/admin/orders/" + orderId + "/edits",
                Map.of("changes", List.of(Map.of("type", "add_line", "sku", "UNPAID-LAMP", "quantity", 1))),
                admin);

        assertThat(edited.status()).as(edited.toString()).isEqualTo(201);
        // 10.00 + 5.00 shipping + 18 % = 17.70; 50.00 ships free + 18 % = 59.00
        assertThat(edited.body().path("before").path("totalMinor").asLong()).isEqualTo(1770);
        assertThat(edited.body().path("after").path("totalMinor").asLong()).isEqualTo(5900);
        assertThat(edited.body().path("balanceMinor").asLong()).isEqualTo(4130);
        assertThat(sku("UNPAID-LAMP").path("reserved").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        !paymentUrl(orderId).isEmpty() && !paymentUrl(orderId).equals(firstUrl));
        JsonNode awaiting = order(orderId);
        assertThat(awaiting.path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(awaiting.path("totals").path("totalMinor").asLong()).isEqualTo(5900);
        assertThat(awaiting.path("lines"))
                .extracting(line -> line.path("sku").asText())
                .containsExactlyInAnyOrder("UNPAID-MUG", "UNPAID-LAMP");
        String newUrl = paymentUrl(orderId);
        assertThat(newUrl).startsWith("/api/v1/payments/sandbox/");
        // the link for the old total was cancelled before the new one was set up: it can no longer be paid
        assertThat(client.post(firstUrl, Map.of("outcome", "approve"), null).status())
                .isEqualTo(409);

        assertThat(client.post(newUrl, Map.of("outcome", "approve"), null).status())
                .isEqualTo(200);
        orders.awaitStatus(orderId, OrderStatus.CONFIRMED);
        JsonNode paid = order(orderId);
        assertThat(paid.path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(paid.path("payment").path("capturedMinor").asLong()).isEqualTo(5900);
        assertThat(paid.path("totals").path("totalMinor").asLong()).isEqualTo(5900);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sku("UNPAID-LAMP").path("onHand").asInt() == lampsOnHand - 1);
        assertThat(sku("UNPAID-LAMP").path("reserved").asInt()).isZero();
        assertThat(sku("UNPAID-MUG").path("reserved").asInt()).isZero();
        assertThat(sku("UNPAID-MUG").path("onHand").asInt()).isEqualTo(19);
    }

    private static JsonNode order(String orderId) {
        return client.get("/api/v1/orders/" + orderId, alice).body();
    }

    private static JsonNode sku(String sku) {
        return client.get("/api/v1/admin/skus/" + sku, admin).body();
    }

    private static String paymentUrl(String orderId) {
        return order(orderId).path("payment").path("action").path("url").asText();
    }
}
