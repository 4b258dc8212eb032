package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer side of the web UI in a real browser against a whole engine in demo mode (sandbox gateway, demo
 * sign-in): a guest checks out and sees the order confirmed live, payments declined as often as the shop allows
 * (three attempts) cancel the order and give the stock back, a signed-in customer reads, filters and cancels in their history, and pressing "Pay" twice places one order.
 */
class ShopperJourneyBrowserTest extends EngineInBrowserTest {

    ShopperJourneyBrowserTest() {
        super("shopper");
    }

    @Override
    void configure(Map<String, Object> properties) {
        properties.put("engine.demo.seed-skus", "true");
    }

    @BeforeEach
    void freshVisitor() {
        browser.forgetVisitor();
    }

    @Test
    void guestChecksOutOnTheSandboxAndSeesTheOrderConfirmedLive() {
        ShopperSteps.stockedSku(client, admin, "UI-MUG-GUEST", 1250, 5);
        browser.open("/");
        browser.visible("li.product[data-sku='UI-MUG-GUEST']");
        assertThat(browser.text("li.product[data-sku='UI-MUG-GUEST'] .price")).isEqualTo("€12.50");
        shopper.addToCart("UI-MUG-GUEST", 2);
        assertThat(browser.text("#nav-cart")).isEqualTo("Cart (2)");
        browser.screenshot("shop");
        browser.phoneScreenshot("shop-phone");

        browser.click("#nav-cart");
        browser.visible("#cart-table");
        browser.visible("#pay-sandbox");
        browser.click("#pay");
        assertThat(browser.awaitText("#message", "Please correct")).contains("fields marked below");
        assertThat(browser.text("#email-error")).isEqualTo("Enter your email.");
        assertThat(browser.text("#shippingAddress-fullName-error")).isEqualTo("Enter your full name.");
        assertThat(browser.text("#shippingAddress-country-error")).isEqualTo("Choose a country.");
        assertThat(browser.find("#email").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .as("keyboard focus lands on the first field to fix")
                .isEqualTo("email");
        browser.type("#email", "not-an-email");
        shopper.fillCheckout("guest@example.com");
        browser.type("#shippingAddress-postalCode", "123");
        browser.click("#pay");
        assertThat(browser.awaitText("#shippingAddress-postalCode-error", "7 digits"))
                .isEqualTo("This postal code does not look right: an Israeli postal code has 7 digits.");
        browser.screenshot("checkout-errors");
        browser.type("#shippingAddress-postalCode", "6688101");
        assertThat(browser.text("#total-subtotal")).isEqualTo("€25.00");
        browser.screenshot("checkout");
        browser.phoneScreenshot("checkout-phone");

        String orderId = shopper.placeOrder();
        String token = shopper.queryParameter("token");
        assertThat(token).as("a guest's order page carries the view token").isNotBlank();
        assertThat(browser.text("#guest-link-url"))
                .contains("/order.html?id=" + orderId)
                .contains("token=");
        assertThat(browser.text("#nav-cart")).as("the cart is emptied").isEqualTo("Cart (0)");

        browser.visible("#sandbox-approve");
        shopper.awaitStatus("AWAITING_PAYMENT");
        JsonNode order = client.get("/api/v1/orders/" + orderId + "?token=" + token, null)
                .body();
        assertThat(browser.text("#order-total"))
                .isEqualTo(euros(order.path("totals").path("totalMinor").asLong()));
        assertThat(browser.text("#order-tax"))
                .isEqualTo(euros(order.path("totals").path("taxMinor").asLong()));
        assertThat(browser.text("#steps li[aria-current='step']")).isEqualTo("Awaiting payment");
        browser.screenshot("order-awaiting-payment");

        browser.script("window.samePage = true;");
        shopper.payOnSandbox("approve");
        shopper.awaitStatus("CONFIRMED");
        assertThat(browser.script("return window.samePage === true;"))
                .as("the status changed without reloading the page")
                .isEqualTo(true);
        assertThat(browser.attribute("#live", "data-streamed"))
                .as("statuses that arrived over the server-sent event stream")
                .contains("CONFIRMED");
        assertThat(browser.awaitText("#outcome", "confirmed")).contains("Your payment went through");
        // the page reads the order once more when the stream ends and draws the steps again: read them afresh
        assertThat(browser.attribute("#steps li[data-step='CONFIRMED']", "class"))
                .isEqualTo("current");
        browser.visible("#invoice").click();
        assertThat(browser.awaitText("#actions-message", "invoice"))
                .as("said under the button")
                .isEqualTo("The invoice was downloaded.");
        browser.screenshot("order-confirmed");
        browser.phoneScreenshot("order-confirmed-phone");

        browser.forgetVisitor();
        browser.open("/order.html?id=" + orderId + "&token=" + token);
        shopper.awaitStatus("CONFIRMED");
        assertThat(browser.text("#order-number"))
                .isEqualTo(order.path("orderNumber").asText());
        browser.open("/order.html?id=" + orderId + "&token=wrong-token");
        assertThat(browser.awaitText("#message", "could not find")).contains("order link");
    }

    @Test
    void paymentsDeclinedAsOftenAsAllowedCancelTheOrderAndReleaseTheStock() {
        ShopperSteps.stockedSku(client, admin, "UI-POSTER-DECLINE", 1800, 3);
        shopper.addToCart("UI-POSTER-DECLINE", 2);
        browser.open("/checkout.html");
        shopper.fillCheckout("decline@example.com");
        shopper.placeOrder();
        browser.visible("#sandbox-decline");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ShopperSteps.available(client, "UI-POSTER-DECLINE"))
                        .as("2 of 3 are held for the order")
                        .isEqualTo(1));

        // the engine's default: three attempts; "Try again" after the first two declines, none after the third
        for (int attempt = 1; attempt <= 2; attempt++) {
            shopper.payOnSandbox("decline");
            browser.visible("[data-testid='retry-payment']");
            assertThat(shopper.shownStatus()).isEqualTo("AWAITING_PAYMENT");
            assertThat(ShopperSteps.available(client, "UI-POSTER-DECLINE"))
                    .as("still held after decline %d", attempt)
                    .isEqualTo(1);
            browser.click("[data-testid='retry-payment']");
            browser.await(
                    driver -> browser.present("#sandbox-decline") && !browser.present("[data-testid='retry-payment']"));
        }
        shopper.payOnSandbox("decline");
        shopper.awaitStatus("CANCELLED");
        String outcome = browser.awaitText("#outcome", "cancelled");
        assertThat(outcome)
                .contains("declined")
                .contains("Nothing was charged")
                .contains("stock held for it was released");
        assertThat(browser.text("#steps li.failed")).isEqualTo("Cancelled");
        assertThat(browser.present("#invoice:not([hidden])"))
                .as("no invoice for an unpaid order")
                .isFalse();
        browser.screenshot("order-declined");

        browser.await(Duration.ofSeconds(20), driver -> {
            browser.open("/");
            return "3"
                    .equals(browser.visible("li.product[data-sku='UI-POSTER-DECLINE'] .availability")
                            .getAttribute("data-available"));
        });
        assertThat(browser.text("li.product[data-sku='UI-POSTER-DECLINE'] .availability"))
                .isEqualTo("Only 3 left");
    }

    @Test
    void signedInCustomerSeesTheirHistoryFiltersItAndCancels() {
        ShopperSteps.stockedSku(client, admin, "UI-TEE-HISTORY", 2500, 10);
        shopper.signIn("carol", "CUSTOMER");
        assertThat(browser.path()).startsWith("/orders.html");
        assertThat(browser.awaitText("#no-orders", "no orders")).isEqualTo("You have no orders yet.");
        assertThat(browser.text("#who")).contains("Signed in as carol");

        shopper.addToCart("UI-TEE-HISTORY", 1);
        browser.open("/checkout.html");
        shopper.fillCheckout("carol@example.com");
        // "Pay" pressed twice before the first answer: both presses send the same Idempotency-Key
        browser.script(
                "const form = document.getElementById('checkout-form'); form.requestSubmit(); form.requestSubmit();");
        String paid = shopper.awaitOrderPage();
        assertThat(shopper.queryParameter("token"))
                .as("a signed-in owner needs no view token")
                .isNull();
        shopper.payOnSandbox("approve");
        shopper.awaitStatus("CONFIRMED");

        shopper.addToCart("UI-TEE-HISTORY", 2);
        browser.open("/checkout.html");
        shopper.fillCheckout("carol@example.com");
        String unpaid = shopper.placeOrder();
        browser.visible("#sandbox-approve");

        browser.open("/orders.html");
        browser.await(driver -> browser.all("#orders-table tbody tr").size() == 2 || reloadHistory());
        assertThat(browser.text("#pager .pager-info")).isEqualTo("Page 1 of 1 · 2 orders");
        assertThat(browser.find("#orders-table tbody tr:first-child").getAttribute("data-order-id"))
                .as("newest first")
                .isEqualTo(unpaid);
        browser.screenshot("history");
        browser.phoneScreenshot("history-phone");

        browser.choose("#status", "CONFIRMED");
        browser.click("#apply-filter");
        browser.await(driver -> browser.all("#orders-table tbody tr").size() == 1
                && paid.equals(browser.find("#orders-table tbody tr").getAttribute("data-order-id")));

        browser.choose("#status", "AWAITING_PAYMENT");
        browser.click("#apply-filter");
        browser.await(driver -> browser.all("#orders-table tbody tr").size() == 1
                && unpaid.equals(browser.find("#orders-table tbody tr").getAttribute("data-order-id")));
        browser.click("button[data-cancel='" + unpaid + "']");
        browser.type("#dialog-reason", "ordered the wrong size");
        browser.screenshot("history-cancel-dialog");
        browser.click("#dialog-confirm");
        assertThat(browser.awaitText("#no-orders", "no orders")).contains("Awaiting payment");

        browser.choose("#status", "");
        browser.click("#apply-filter");
        browser.await(driver -> "CANCELLED"
                .equals(browser.find("#orders-table tr[data-order-id='" + unpaid + "']")
                        .getAttribute("data-status")));
        assertThat(browser.all("#orders-table tr[data-order-id='" + paid + "'] button[data-cancel]"))
                .as("a confirmed order can still be cancelled by its owner")
                .hasSize(1);
        browser.screenshot("history-after-cancel");
    }

    /** Shows the history again (the read model follows a new order a moment later); false so waiting goes on. */
    private boolean reloadHistory() {
        browser.click("#apply-filter");
        return false;
    }

    private static String euros(long minor) {
        return String.format(java.util.Locale.US, "€%,d.%02d", minor / 100, minor % 100);
    }
}
