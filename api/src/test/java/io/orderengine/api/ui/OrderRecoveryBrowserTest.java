package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No dead ends, in a real browser at a laptop's and a phone's width against a whole engine with the default three
 * payment attempts: a guest whose payment is declined tries again on the order page and pays (one capture), then
 * cancels and reads where the money went; a stock rejection leads back to a cart lowered to what is left; the admin's
 * order page and order list follow a customer's payment without a reload.
 */
class OrderRecoveryBrowserTest extends EngineInBrowserTest {

    OrderRecoveryBrowserTest() {
        super("recovery");
    }

    @Test
    void aDeclinedGuestTriesAgainPaysOnceThenCancelsAndReadsWhereTheMoneyWent() {
        for (Browser.Viewport viewport : Browser.Viewport.values()) {
            String size = viewport.name().toLowerCase(Locale.ROOT);
            String sku = "UI-KETTLE-" + viewport.name();
            browser.use(viewport);
            browser.forgetVisitor();
            ShopperSteps.stockedSku(client, admin, sku, 3000, 4);
            shopper.addToCart(sku, 2);
            browser.open("/checkout.html");
            shopper.fillCheckout("again-" + size + "@example.com");
            String orderId = shopper.placeOrder();
            String orderApi = "/api/v1/orders/" + orderId + "?token=" + shopper.queryParameter("token");
            browser.visible("#sandbox-decline");
            String firstAction = actionUrl(client.get(orderApi, null).body());

            shopper.payOnSandbox("decline");
            browser.visible("[data-testid='retry-payment']");
            assertThat(shopper.shownStatus())
                    .as("a decline no longer ends the order")
                    .isEqualTo("AWAITING_PAYMENT");
            assertThat(browser.text("#outcome")).contains("The payment failed").contains("declined");
            assertThat(browser.text("#retry-hint"))
                    .isEqualTo("Your items are still held for you. Try again with the same or another payment method"
                            + " (2 more attempts left).");
            assertThat(browser.find("#retry-form [name='paymentMethod'][value='sandbox']")
                            .isSelected())
                    .as("the method used before is chosen")
                    .isTrue();
            assertThat(browser.present("#sandbox-approve"))
                    .as("the failed attempt's payment is not offered again")
                    .isFalse();
            assertThat(ShopperSteps.available(client, sku))
                    .as("the stock stays held")
                    .isEqualTo(2);
            browser.screenshot("declined-" + size, viewport);

            browser.click("[data-testid='retry-payment']");
            browser.visible("#sandbox-approve");
            JsonNode retried = client.get(orderApi, null).body();
            assertThat(retried.path("payment").path("attempt").asInt()).isEqualTo(2);
            assertThat(actionUrl(retried))
                    .as("a new sandbox payment")
                    .startsWith("/api/v1/payments/sandbox/")
                    .isNotEqualTo(firstAction);
            browser.script("window.samePage = true;");
            shopper.payOnSandbox("approve");
            shopper.awaitStatus("CONFIRMED");
            assertThat(browser.script("return window.samePage === true;")).isEqualTo(true);
            assertThat(browser.awaitText("#outcome", "confirmed")).contains("Your payment went through");

            JsonNode paid = awaitOrder(
                    orderApi, o -> o.path("payment").path("capturedMinor").asLong() > 0);
            long total = paid.path("totals").path("totalMinor").asLong();
            assertThat(paid.path("paymentStatus").asText()).isEqualTo("PAID");
            assertThat(paid.path("payment").path("capturedMinor").asLong())
                    .as("captured once, the whole total")
                    .isEqualTo(total);
            JsonNode audit = client.get("/api/v1/admin/orders/" + orderId + "/audit", admin)
                    .body();
            assertThat(count(audit, "OrderConfirmedEvent")).as("one capture").isEqualTo(1);
            assertThat(count(audit, "PaymentFailedEvent")).isEqualTo(1);
            assertThat(count(audit, "PaymentAttemptStartedEvent")).isEqualTo(1);
            browser.screenshot("paid-on-second-attempt-" + size, viewport);

            browser.click("#cancel");
            browser.type("#dialog-reason", "found it cheaper");
            browser.click("#dialog-confirm");
            shopper.awaitStatus("CANCELLED");
            assertThat(browser.awaitText("#actions-message", "cancelled"))
                    .as("said under the button that was pressed")
                    .isEqualTo("The order is cancelled.");
            assertThat(browser.awaitText("#outcome", "Refunded"))
                    .as("where the money went")
                    .contains("Refunded " + euros(total) + " to the sandbox test card.");
            assertThat(browser.visible("[data-testid='back-to-cart']").getText())
                    .isEqualTo("Back to cart");
            browser.screenshot("cancelled-refunded-" + size, viewport);
        }
    }

    @Test
    void aStockRejectionLeadsBackToACartLoweredToWhatIsLeft() {
        for (Browser.Viewport viewport : Browser.Viewport.values()) {
            String size = viewport.name().toLowerCase(Locale.ROOT);
            String scarce = "UI-SCARF-" + viewport.name();
            String plenty = "UI-SOCKS-" + viewport.name();
            browser.use(viewport);
            browser.forgetVisitor();
            ShopperSteps.stockedSku(client, admin, scarce, 2000, 3);
            ShopperSteps.stockedSku(client, admin, plenty, 500, 20);
            shopper.addToCart(scarce, 3);
            shopper.addToCart(plenty, 2);
            browser.open("/checkout.html");
            shopper.fillCheckout("scarce-" + size + "@example.com");
            shopper.checkoutTotal();
            // while this shopper fills in the form, someone else buys 2 of the 3 scarves
            EngineClient.Reply other =
                    client.checkout(EngineClient.checkoutBody(scarce, 2, "quicker@example.com"), null);
            assertThat(other.status())
                    .as("the other checkout: %s", other.body())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> ShopperSteps.available(client, scarce) == 1);

            shopper.placeOrder();
            shopper.awaitStatus("REJECTED");
            assertThat(browser.awaitText("#outcome", "rejected"))
                    .contains("not enough stock")
                    .contains("asked for 3, 1 left")
                    .contains("Nothing was charged.");
            browser.screenshot("rejected-" + size, viewport);

            browser.click("[data-testid='back-to-cart']");
            browser.await(driver -> browser.path().startsWith("/checkout.html"));
            assertThat(browser.awaitText("#cart-notice", "back in your cart"))
                    .contains("What changed:")
                    .containsPattern(": 1 instead of 3 \\(only 1 available now\\)\\.$");
            browser.visible("#cart-table");
            assertThat(browser.find("#cart-table tr[data-sku='" + scarce + "'] input.qty")
                            .getAttribute("value"))
                    .isEqualTo("1");
            assertThat(browser.find("#cart-table tr[data-sku='" + plenty + "'] input.qty")
                            .getAttribute("value"))
                    .isEqualTo("2");
            assertThat(browser.text("#nav-cart")).isEqualTo("Cart (3)");
            browser.screenshot("back-in-cart-" + size, viewport);
        }
    }

    @Test
    void theAdminOrderPageAndListFollowACustomersPaymentWithoutAReload() {
        browser.use(Browser.Viewport.DESKTOP);
        browser.forgetVisitor();
        ShopperSteps.stockedSku(client, admin, "UI-CLOCK", 4500, 10);
        JsonNode watched = place("UI-CLOCK", "watched@example.com");
        JsonNode listed = place("UI-CLOCK", "listed@example.com");
        shopper.signIn(ADMIN_USER, "ADMIN");

        browser.open("/admin/order.html?id=" + watched.path("orderId").asText());
        browser.await(driver -> "AWAITING_PAYMENT".equals(badge("#order-status")));
        browser.await(driver -> "live".equals(browser.find("#live").getAttribute("data-mode")));
        browser.script("window.samePage = true;");
        pay(watched);
        browser.await(driver -> "CONFIRMED".equals(badge("#order-status")));
        assertThat(browser.text("#order-status")).isEqualTo("Confirmed");
        assertThat(browser.script("return window.samePage === true;"))
                .as("no reload")
                .isEqualTo(true);
        browser.await(driver -> !browser.all("#audit-table tbody tr[data-type='OrderConfirmedEvent']")
                .isEmpty());
        browser.screenshot("admin-order-live", Browser.Viewport.DESKTOP);

        browser.open("/admin/orders.html");
        String row = "#orders-table tr[data-order-id='" + listed.path("orderId").asText() + "']";
        browser.await(driver -> "AWAITING_PAYMENT".equals(browser.find(row).getAttribute("data-status")));
        browser.script("window.samePage = true;");
        pay(listed);
        // the list reads itself again every 3 seconds while a shown order is in its checkout
        browser.await(
                Duration.ofSeconds(45),
                driver -> "CONFIRMED".equals(browser.find(row).getAttribute("data-status")));
        assertThat(browser.script("return window.samePage === true;")).isEqualTo(true);
        assertThat(browser.text(row + " td:nth-child(4)")).isEqualTo("Confirmed");
    }

    private String badge(String css) {
        return browser.present(css + " .badge") ? browser.find(css + " .badge").getAttribute("data-status") : null;
    }

    private JsonNode awaitOrder(String path, java.util.function.Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get(path, null).body(), done::test);
    }

    private JsonNode place(String sku, String email) {
        EngineClient.Reply placed = client.checkout(EngineClient.checkoutBody(sku, 1, email), null);
        assertThat(placed.status()).as("checkout: %s", placed.body()).isEqualTo(201);
        String path = "/api/v1/orders/" + placed.text("orderId") + "?token=" + placed.text("guestToken");
        JsonNode order = awaitOrder(
                path,
                o -> "AWAITING_PAYMENT".equals(o.path("status").asText())
                        && !o.path("payment")
                                .path("action")
                                .path("url")
                                .asText()
                                .isEmpty());
        return ((com.fasterxml.jackson.databind.node.ObjectNode) order.deepCopy()).put("apiPath", path);
    }

    private static String actionUrl(JsonNode order) {
        return order.path("payment").path("action").path("url").asText();
    }

    private void pay(JsonNode order) {
        String url = actionUrl(order);
        assertThat(client.post(url, Map.of("outcome", "approve"), null).status())
                .isEqualTo(200);
    }

    private static long count(JsonNode audit, String type) {
        JsonNode events = audit.has("events") ? audit.path("events") : audit.path("items");
        long n = 0;
        for (JsonNode event : events) {
            if (event.path("type").asText().endsWith(type)) {
                n++;
            }
        }
        return n;
    }

    private static String euros(long minor) {
        return String.format(Locale.US, "€%,d.%02d", minor / 100, minor % 100);
    }
}
