package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.notifications.OrderDriver;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Edit order" on the admin order page, in a real browser at a laptop's and a phone's width (issue #19). Over HTTP a
 * guest orders 2 × one SKU and pays on the sandbox. In the browser the admin asks for more of a SKU than is in stock
 * (the preview lists the shortage, "Apply edit" stays disabled, nothing changes), then lowers the quantity to 1: the
 * preview says what is refunded and changes nothing; "Apply edit" commits exactly that edit, the order goes to
 * version 2, the difference is refunded to the cent, the unit is back on hand and the edit shows as settled.
 */
class AdminOrderEditBrowserTest extends EngineInBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private OrderDriver driver;

    AdminOrderEditBrowserTest() {
        super("order-edit");
    }

    @BeforeAll
    void orderDriver() {
        driver = new OrderDriver(engine);
    }

    @Test
    void anAdminPreviewsAShortageThenLowersAQuantityAndTheDifferenceIsRefundedWithTheUnitBackOnHand() {
        for (Browser.Viewport viewport : Browser.Viewport.values()) {
            String size = viewport.name().toLowerCase(Locale.ROOT);
            String mug = "UI-EDIT-MUG-" + viewport.name();
            String lamp = "UI-EDIT-LAMP-" + viewport.name();
            browser.use(viewport);
            ShopperSteps.stockedSku(client, admin, mug, 1500, 10);
            ShopperSteps.stockedSku(client, admin, lamp, 4000, 1);
            String orderId = driver.place(EngineClient.checkoutBody(mug, 2, "edit-" + size + "@example.com"), null)
                    .orderId();
            driver.confirm(orderId);
            JsonNode before = order(orderId);
            assertThat(before.path("version").asInt()).isEqualTo(1);
            int mugsAvailable = ShopperSteps.available(client, mug);

            shopper.signIn(ADMIN_USER, "ADMIN");
            browser.open("/admin/order.html?id=" + orderId);
            browser.visible("[data-testid='edit-order'] [data-testid='edit-qty-" + mug + "']");
            assertThat(browser.text("[data-testid='edit-history']")).contains("Not edited yet");

            // more lamps than there are: the shortage is listed, the edit cannot be applied, nothing changed
            browser.type("[data-testid='edit-add-sku']", lamp);
            browser.type("[data-testid='edit-add-qty']", "3");
            // each input whose value is sent is named after the API path it is sent at; an unchanged line is not sent
            String mugQuantity = "[data-testid='edit-qty-" + mug + "']";
            assertThat(browser.find("[data-testid='edit-add-sku']").getDomAttribute("name"))
                    .isEqualTo("changes[0].sku");
            assertThat(browser.find("[data-testid='edit-add-qty']").getDomAttribute("name"))
                    .isEqualTo("changes[0].quantity");
            assertThat(browser.find(mugQuantity).getDomAttribute("name")).isNull();
            assertThat(browser.find("[data-testid='edit-note']").getDomAttribute("name"))
                    .isEqualTo("note");
            browser.click("[data-testid='edit-preview']");
            assertThat(browser.awaitText("[data-testid='edit-shortages']", "Not enough stock"))
                    .contains(lamp + " (asked 3, 1 available)");
            assertThat(browser.find("[data-testid='edit-commit']").isEnabled()).isFalse();
            browser.screenshot("admin-edit-shortage-" + size, viewport);

            // more mugs than an edit may ask for: the engine's 400 is shown at the mug's quantity, nothing changed
            browser.type("[data-testid='edit-add-sku']", "");
            browser.type(mugQuantity, "5000");
            assertThat(browser.find("[data-testid='edit-add-sku']").getDomAttribute("name"))
                    .isNull();
            assertThat(browser.find(mugQuantity).getDomAttribute("name")).isEqualTo("changes[0].quantity");
            browser.click("[data-testid='edit-preview']");
            browser.await(driver -> "true".equals(browser.find(mugQuantity).getDomAttribute("aria-invalid")));
            // the field's error is the last element the input is described by
            String describedBy = browser.find(mugQuantity).getDomAttribute("aria-describedby");
            assertThat(describedBy).isNotBlank();
            String fieldError = "#" + describedBy.substring(describedBy.lastIndexOf(' ') + 1);
            assertThat(browser.text(fieldError)).contains("1000");
            assertThat(browser.find("[data-testid='edit-preview-result']").isDisplayed())
                    .as("the shortage preview of the edit before is gone")
                    .isFalse();
            assertThat(order(orderId).path("version").asInt()).isEqualTo(1);
            browser.screenshot("admin-edit-invalid-quantity-" + size, viewport);

            // one mug fewer: the preview names the refund and changes nothing
            browser.type(mugQuantity, "1");
            browser.type("[data-testid='edit-note']", "customer called");
            browser.click("[data-testid='edit-preview']");
            String totals = browser.awaitText("[data-testid='edit-totals']", "is refunded");
            assertThat(browser.present("[data-testid='edit-shortages']")).isFalse();
            JsonNode afterPreview = order(orderId);
            assertThat(afterPreview.path("version").asInt())
                    .as("a preview changes nothing")
                    .isEqualTo(1);
            assertThat(afterPreview.path("lines").get(0).path("quantity").asInt())
                    .isEqualTo(2);
            browser.screenshot("admin-edit-preview-" + size, viewport);

            browser.click("[data-testid='edit-commit']");
            browser.awaitText("[data-testid='edit-message']", "version 2");
            JsonNode edited = awaitOrder(
                    orderId,
                    o -> o.path("version").asInt() == 2
                            && o.path("edits").size() == 1
                            && "SETTLED"
                                    .equals(o.path("edits")
                                            .get(0)
                                            .path("status")
                                            .asText()));
            JsonNode edit = edited.path("edits").get(0);
            long refund = -edit.path("balanceMinor").asLong();
            assertThat(refund).as("the edit lowers the total").isPositive();
            assertThat(edit.path("note").asText()).isEqualTo("customer called");
            assertThat(edited.path("lines").get(0).path("quantity").asInt()).isEqualTo(1);
            assertThat(edited.path("totals").path("totalMinor").asLong())
                    .isEqualTo(before.path("totals").path("totalMinor").asLong() - refund);
            assertThat(totals).as("the preview named the refund the edit made").contains(euros(refund));
            awaitOrder(orderId, o -> o.path("payment").path("refundedMinor").asLong() == refund);
            await().atMost(WAIT).until(() -> ShopperSteps.available(client, mug) == mugsAvailable + 1);

            // the page reloads after the edit and lists it; its status follows the refund
            String status = "[data-testid='edit-status-" + edit.path("editId").asText() + "']";
            browser.await(driver -> browser.present(status)
                    ? "SETTLED".equals(browser.find(status).getAttribute("data-status"))
                    : null);
            assertThat(browser.text("[data-testid='edit-history']"))
                    .contains("Version 2")
                    .contains("customer called")
                    .contains("settled");
            browser.screenshot("admin-edit-settled-" + size, viewport);
        }
    }

    private JsonNode order(String orderId) {
        return client.get("/api/v1/admin/orders/" + orderId, admin).body();
    }

    private JsonNode awaitOrder(String orderId, Predicate<JsonNode> done) {
        return await().atMost(WAIT).until(() -> order(orderId), done::test);
    }

    /** As the page writes an amount in euros: "€12.34". */
    private static String euros(long minor) {
        return String.format(Locale.US, "€%,d.%02d", minor / 100, minor % 100);
    }
}
