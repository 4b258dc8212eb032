package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.testkit.EngineClient;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What a shopper does in the web UI, step by step: fixtures shared by the browser tests. */
final class ShopperSteps {

    static final Pattern ORDER_NUMBER = Pattern.compile("ORD-\\d{8}-\\d{6}");

    private final Browser browser;

    ShopperSteps(Browser browser) {
        this.browser = browser;
    }

    /** Registers a SKU with stock through the API (as the shop's admin would). */
    static void stockedSku(EngineClient client, String adminToken, String sku, long priceMinor, int stock) {
        EngineClient.Reply reply = client.registerSku(adminToken, sku, priceMinor, stock);
        assertThat(reply.status()).as("registering %s: %s", sku, reply.body()).isIn(201, 204);
        await().atMost(Duration.ofSeconds(10)).until(() -> available(client, sku) == stock);
    }

    /** What the catalogue says is available of a SKU; -1 while it is not in the catalogue. */
    static int available(EngineClient client, String sku) {
        for (JsonNode item : client.get("/api/v1/skus?size=500", null).body().path("items")) {
            if (item.path("sku").asText().equals(sku)) {
                return item.path("available").asInt();
            }
        }
        return -1;
    }

    /** On the shop page: adds {@code quantity} of a SKU to the cart and waits for the confirmation. */
    void addToCart(String sku, int quantity) {
        browser.open("/");
        String product = "li.product[data-sku='" + sku + "']";
        browser.visible(product);
        browser.type(product + " input[name='quantity']", Integer.toString(quantity));
        browser.click(product + " button[type='submit']");
        browser.awaitText("#message", "Added " + quantity + " ×");
    }

    /** On the checkout page: fills contact and a valid Israeli shipping address. */
    void fillCheckout(String email) {
        browser.visible("#cart-table");
        browser.type("#email", email);
        browser.type("#shippingAddress-fullName", "Noa Cohen");
        browser.type("#shippingAddress-phone", "+972 50 111 2233");
        browser.type("#shippingAddress-line1", "5 Rothschild Blvd");
        browser.type("#shippingAddress-city", "Tel Aviv");
        browser.choose("#shippingAddress-country", "IL");
        browser.type("#shippingAddress-postalCode", "6688101");
        browser.visible("#pay-sandbox");
        assertThat(browser.find("#pay-sandbox").isSelected())
                .as("sandbox is the payment method")
                .isTrue();
    }

    /** Presses "Place order and pay" and waits for the order page; returns the order id. */
    String placeOrder() {
        browser.click("#pay");
        return awaitOrderPage();
    }

    String awaitOrderPage() {
        browser.await(driver -> browser.path().startsWith("/order.html?id="));
        browser.await(
                driver -> ORDER_NUMBER.matcher(browser.text("#order-number")).matches());
        return queryParameter("id");
    }

    String queryParameter(String name) {
        String query = URI.create(browser.driver().getCurrentUrl()).getRawQuery();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The status the order page shows (the badge's machine value). */
    String shownStatus() {
        return (String) browser.script("const badge = document.querySelector('#order-status .badge');"
                + " return badge ? badge.dataset.status : null;");
    }

    void awaitStatus(String status) {
        browser.await(driver -> status.equals(shownStatus()));
    }

    /** Waits for the sandbox payment form (the order is awaiting payment) and presses approve or decline. */
    void payOnSandbox(String outcome) {
        WebElement button = browser.visible("#sandbox-" + outcome);
        button.click();
    }

    /** Signs in on the demo sign-in form. */
    void signIn(String subject, String role) {
        browser.open("/signin.html");
        browser.type("#subject", subject);
        browser.driver().findElement(By.id("role-" + role.toLowerCase())).click();
        browser.click("#demo-sign-in");
        browser.await(driver -> !browser.path().startsWith("/signin.html"));
    }
}
