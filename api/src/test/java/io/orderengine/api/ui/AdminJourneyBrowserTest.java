package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin side of the web UI in a real browser against a whole engine: the dashboard, finding an order, moving it
 * through fulfilment, refunding it and seeing the dashboard follow; SKUs and stock; projections and dead letters.
 * The orders are placed and paid through the API, as shoppers would have done.
 */
class AdminJourneyBrowserTest extends EngineInBrowserTest {

    private String paidOrderId;
    private String paidOrderNumber;
    private long paidTotalMinor;
    private String unpaidOrderId;

    AdminJourneyBrowserTest() {
        super("admin");
    }

    @Override
    void configure(Map<String, Object> properties) {
        // the engine's alert rules evaluated every second, so the dashboard's alert list follows at once
        properties.put("engine.alerts.interval", "PT1S");
    }

    @BeforeAll
    void ordersAndAnAdminSignedIn() {
        ShopperSteps.stockedSku(client, admin, "UI-LAMP", 4000, 10);
        JsonNode paid = placeAndPay("UI-LAMP", 2, "dana@example.com");
        paidOrderId = paid.path("orderId").asText();
        paidOrderNumber = paid.path("orderNumber").asText();
        paidTotalMinor = paid.path("totals").path("totalMinor").asLong();
        JsonNode unpaid = place("UI-LAMP", 1, "eli@example.com");
        unpaidOrderId = unpaid.path("orderId").asText();
        browser.forgetVisitor();
        shopper.signIn(ADMIN_USER, "ADMIN");
    }

    @Test
    void adminChangesStatusRefundsAndSeesTheDashboardUpdate() {
        browser.open("/admin/index.html");
        awaitDashboard(() -> "2".equals(browser.text("#card-orders-today"))
                && "1".equals(statusCount("CONFIRMED"))
                && "1".equals(statusCount("AWAITING_PAYMENT")));
        assertThat(browser.text("#card-pending"))
                .as("the unpaid order waits for payment")
                .isEqualTo("1");
        assertThat(browser.text("#card-revenue")).as("captured this month").isEqualTo(euros(paidTotalMinor));
        assertThat(browser.all("#table-orders tbody tr"))
                .as("one row per day of the last 30")
                .hasSize(30);
        assertThat(browser.find("#chart-revenue").getSize().getHeight())
                .as("Chart.js drew the canvas")
                .isPositive();
        browser.screenshot("dashboard");
        browser.phoneScreenshot("dashboard-phone");

        browser.open("/admin/orders.html");
        browser.await(driver -> browser.all("#orders-table tbody tr").size() == 2);
        browser.choose("#sort", "total,asc");
        browser.await(driver -> unpaidOrderId.equals(firstOrderRow()));
        browser.choose("#sort", "total,desc");
        browser.await(driver -> paidOrderId.equals(firstOrderRow()));
        browser.type("#q", paidOrderNumber);
        browser.click("#search");
        browser.await(driver -> browser.all("#orders-table tbody tr").size() == 1);
        assertThat(browser.path()).contains("q=" + paidOrderNumber);
        browser.choose("#status", "AWAITING_PAYMENT");
        browser.visible("#no-orders");
        browser.choose("#status", "CONFIRMED");
        browser.await(driver -> paidOrderId.equals(firstOrderRow()));
        browser.screenshot("orders");
        browser.phoneScreenshot("orders-phone");

        browser.click("#orders-table tbody tr a");
        browser.await(driver -> paidOrderNumber.equals(browser.text("#order-number")));
        browser.visible("#audit-table");
        assertThat(browser.all("#audit-table tbody tr[data-type='OrderPlacedEvent']"))
                .hasSize(1);
        assertThat(browser.text("#refundable")).contains("up to " + euros(paidTotalMinor) + " can be refunded");

        browser.click("#change-status");
        assertThat(browser.awaitText("#status-message", "now"))
                .as("said next to the button that was pressed")
                .isEqualTo("The order is now processing.");
        assertThat(badge("#order-status")).isEqualTo("PROCESSING");
        browser.choose("#new-status", "SHIPPED");
        browser.visible("#tracking");
        browser.click("#change-status");
        assertThat(browser.visible("#tracking-error").getText())
                .isEqualTo("Enter the tracking number of the shipment.");
        browser.type("#tracking", "TRK 4711");
        browser.click("#change-status");
        browser.awaitText("#status-message", "shipped");
        assertThat(badge("#order-status")).isEqualTo("SHIPPED");
        assertThat(browser.text("#tracking-number")).isEqualTo("TRK 4711");

        assertThat(browser.find("#refund-full").isSelected())
                .as("nothing that refunds everything is preselected")
                .isFalse();
        assertThat(browser.find("#refund-partial").isSelected()).isFalse();
        browser.type("#refund-reason", "scratched on arrival");
        browser.click("#refund");
        assertThat(browser.visible("#refund-partial-error").getText())
                .as("a refund without a chosen amount is not sent")
                .isEqualTo("Choose an amount, or a full refund of what is left.");
        browser.click("#refund-partial");
        assertThat(browser.visible("#refund-amount").getAttribute("value")).isEmpty();
        browser.type("#refund-amount", Long.toString(paidTotalMinor));
        browser.type("#refund-reason", "scratched on arrival");
        browser.click("#refund");
        assertThat(browser.visible("#refund-amount-error").getText())
                .isEqualTo("At most " + euros(paidTotalMinor) + " can be refunded.");
        browser.type("#refund-amount", "12.50");
        browser.click("#refund");
        assertThat(browser.visible("#dialog-text").getText())
                .as("the refund's summary before it is sent")
                .startsWith("€12.50 goes back to the customer")
                .contains(euros(paidTotalMinor - 1250) + " stays captured.");
        browser.click("#dialog-confirm");
        assertThat(browser.awaitText("#refund-message", "Refunded"))
                .as("said next to the refund button")
                .isEqualTo("Refunded €12.50.");
        assertThat(badge("#payment-status")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(browser.text("#refunded")).isEqualTo("€12.50");
        browser.click("#refund-full");
        browser.type("#refund-reason", "customer returned the rest");
        browser.click("#refund");
        assertThat(browser.visible("#dialog-text").getText()).contains("Nothing stays captured");
        browser.click("#dialog-cancel");
        assertThat(browser.text("#refunded"))
                .as("dismissing the summary refunds nothing")
                .isEqualTo("€12.50");
        browser.click("#refund");
        browser.click("#dialog-confirm");
        assertThat(browser.awaitText("#refund-message", "Refunded"))
                .isEqualTo("Refunded " + euros(paidTotalMinor - 1250) + ".");
        assertThat(badge("#payment-status")).isEqualTo("REFUNDED");
        assertThat(browser.text("#refundable")).startsWith("Nothing to refund");
        browser.await(driver -> browser.all("#audit-table tbody tr[data-type='PaymentRefundedEvent']")
                        .size()
                == 2);
        browser.screenshot("order-detail");
        browser.phoneScreenshot("order-detail-phone");

        browser.open("/admin/index.html");
        awaitDashboard(() -> "€0.00".equals(browser.text("#card-revenue"))
                && "1".equals(statusCount("SHIPPED"))
                && "0".equals(statusCount("CONFIRMED")));
        assertThat(browser.find("#table-revenue tbody tr:last-child td").getAttribute("textContent"))
                .as("today's revenue: captured minus refunded")
                .isEqualTo("€0.00");
        browser.screenshot("dashboard-after-refund");
    }

    @Test
    void adminRegistersSkuAdjustsStockAndChangesPrice() {
        browser.open("/admin/skus.html");
        browser.visible("#sku-table");
        browser.click("#register-panel summary");
        browser.type("#new-sku", "ui-vase-blue");
        browser.type("#new-name", "Blue vase");
        browser.type("#new-price", "19,90");
        browser.type("#new-threshold", "2");
        browser.type("#new-stock", "1");
        browser.type("#new-attributes", "color=blue\nsize=small");
        browser.click("#register");
        browser.awaitText("#message", "Registered UI-VASE-BLUE");
        String row = "#sku-table tr[data-sku='UI-VASE-BLUE']";
        browser.await(driver -> browser.present(row) && "1".equals(browser.text(row + " td[data-col='onHand']")));
        assertThat(browser.find(row).getAttribute("class"))
                .as("1 left with a threshold of 2 is low")
                .isEqualTo("low-stock");
        assertThat(browser.text(row + " td[data-col='price']")).isEqualTo("€19.90");
        browser.click("#low-only");
        assertThat(browser.all("#sku-table tbody tr"))
                .allSatisfy(tr -> assertThat(tr.getAttribute("class")).isEqualTo("low-stock"));
        browser.click("#low-only");
        browser.screenshot("skus");
        browser.phoneScreenshot("skus-phone");

        browser.click("button[data-manage='UI-VASE-BLUE']");
        browser.type("#stock-delta", "5");
        browser.click("#stock-form-submit");
        browser.awaitText("#manage-message", "changed by 5");
        browser.awaitText("#manage-facts", "available 6");
        browser.type("#price-value", "24.50");
        browser.click("#price-form-submit");
        browser.awaitText("#manage-message", "€24.50");
        browser.screenshot("sku-manage-dialog");
        browser.click("#manage-close");
        browser.await(driver -> "€24.50".equals(browser.text(row + " td[data-col='price']")));
        assertThat(browser.text(row + " td[data-col='available']")).isEqualTo("6");
        assertThat(browser.find(row).getAttribute("class"))
                .as("no longer low on stock")
                .isNullOrEmpty();

        browser.open("/");
        browser.visible("li.product[data-sku='UI-VASE-BLUE']");
        assertThat(browser.text("li.product[data-sku='UI-VASE-BLUE'] .price")).isEqualTo("€24.50");
    }

    /**
     * The rebuild's outcome is the projection's business (its own tests); here the page must follow the rebuild to
     * its end and say how it ended.
     */
    @Test
    void adminWatchesProjectionsRebuildsOneAndSeesNoDeadLetters() {
        browser.open("/admin/operations.html");
        browser.visible("#projections-table");
        assertThat(browser.all("#projections-table tbody tr"))
                .extracting(tr -> tr.getAttribute("data-projection"))
                .contains("order-detail", "sku-stock");
        browser.visible("#no-attention");
        browser.visible("#no-dead-letters");
        browser.click("button[data-rebuild='sku-stock']");
        browser.click("#dialog-confirm");
        browser.awaitText("#projections-message", "Rebuild of SKU stock started");
        String cell = "#projections-table tr[data-projection='sku-stock'] .rebuild";
        String state = browser.await(Duration.ofSeconds(30), driver -> {
            String now = browser.present(cell) ? browser.find(cell).getAttribute("data-state") : null;
            return "DONE".equals(now) || "FAILED".equals(now) ? now : null;
        });
        assertThat(browser.text(cell)).startsWith("DONE".equals(state) ? "Done" : "Failed");
        assertThat(browser.find("button[data-rebuild='sku-stock']").isEnabled())
                .as("a finished rebuild can run again")
                .isTrue();
        browser.screenshot("operations");
        browser.phoneScreenshot("operations-phone");
    }

    @Test
    void theDashboardSaysWhichEngineAlertIsRaisedAndSinceWhen() {
        Map<String, Object> sku = Map.of(
                "sku", "UI-ALERT-CUP", "name", "Cup", "priceMinor", 700, "currency", "EUR", "lowStockThreshold", 3);
        assertThat(client.post("/api/v1/admin/skus", sku, admin).status()).isEqualTo(201);

        browser.open("/admin/index.html");
        String item = "[data-testid='engine-alerts'] [data-testid='alert-LOW_STOCK']";
        awaitDashboard(() -> !browser.all(item).isEmpty());

        assertThat(browser.text(item))
                .startsWith("Products are at or below their low-stock threshold. Since ")
                .contains("UI-ALERT-CUP (0 available)");
        assertThat(browser.find(item + " [data-testid='alert-since']").getAttribute("datetime"))
                .as("the start time, machine-readable")
                .isEqualTo(lowStockAlertSince(admin));
        browser.screenshot("dashboard-alert");
    }

    /**
     * Waits until the dashboard has loaded and shows what {@code shows} checks, pressing Refresh in between (the
     * read models follow the orders a moment later; the page also refreshes itself every 15 seconds).
     */
    private void awaitDashboard(java.util.function.BooleanSupplier shows) {
        browser.await(driver -> browser.find("#content").getAttribute("data-loaded-at") != null);
        browser.await(driver -> {
            if (shows.getAsBoolean()) {
                return true;
            }
            String before = browser.find("#content").getAttribute("data-loaded-at");
            browser.click("#refresh");
            browser.await(again -> !before.equals(browser.find("#content").getAttribute("data-loaded-at")));
            return false;
        });
    }

    private String lowStockAlertSince(String admin) {
        for (JsonNode alert : client.get("/api/v1/admin/alerts", admin).body().path("items")) {
            if (alert.path("rule").asText().equals("LOW_STOCK")) {
                return alert.path("since").asText();
            }
        }
        return null;
    }

    private String statusCount(String status) {
        return browser.find("#table-status tr[data-status='" + status + "'] td").getAttribute("textContent");
    }

    private String firstOrderRow() {
        var rows = browser.all("#orders-table tbody tr");
        return rows.isEmpty() ? null : rows.get(0).getAttribute("data-order-id");
    }

    private static String euros(long minor) {
        return String.format(java.util.Locale.US, "€%,d.%02d", minor / 100, minor % 100);
    }

    private String badge(String css) {
        return browser.find(css + " .badge").getAttribute("data-status");
    }

    private JsonNode place(String sku, int quantity, String email) {
        EngineClient.Reply placed = client.checkout(EngineClient.checkoutBody(sku, quantity, email), null);
        assertThat(placed.status()).as("checkout: %s", placed.body()).isEqualTo(201);
        String path = "/api/v1/orders/" + placed.text("orderId") + "?token=" + placed.text("guestToken");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "AWAITING_PAYMENT".equals(client.get(path, null).text("status")));
        com.fasterxml.jackson.databind.node.ObjectNode order = (com.fasterxml.jackson.databind.node.ObjectNode)
                client.get(path, null).body().deepCopy();
        return order.put("guestToken", placed.text("guestToken"));
    }

    private JsonNode placeAndPay(String sku, int quantity, String email) {
        JsonNode order = place(sku, quantity, email);
        String url = order.path("payment").path("action").path("url").asText();
        assertThat(client.post(url, Map.of("outcome", "approve"), null).status())
                .isEqualTo(200);
        String path = "/api/v1/orders/" + order.path("orderId").asText() + "?token="
                + order.path("guestToken").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode now = client.get(path, null).body();
            return "CONFIRMED".equals(now.path("status").asText())
                    && now.path("payment").path("capturedMinor").asLong() > 0;
        });
        return order;
    }
}
