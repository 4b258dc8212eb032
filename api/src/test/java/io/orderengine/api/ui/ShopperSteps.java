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

    /** A shipping address as a shopper types it into the checkout form. */
    record Address(String fullName, String phone, String line1, String city, String postalCode, String country) {}

    static final Address TEL_AVIV =
            new Address("Noa Cohen", "+972 50 111 2233", "5 Rothschild Blvd", "Tel Aviv", "6688101", "IL");
    static final Address BERLIN =
            new Address("Jonas Weber", "+49 30 1234567", "Unter den Linden 1", "Berlin", "10117", "DE");

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

    /**
     * On the shop page: types {@code quantity} next to the SKU's "Add to cart" button ({@code data-testid="add-to-cart"}
     * with {@code data-sku}), presses it and waits for the confirmation.
     */
    void addToCart(String sku, int quantity) {
        browser.open("/");
        WebElement add = browser.visible("[data-testid='add-to-cart'][data-sku='" + sku + "']");
        WebElement amount = add.findElement(By.xpath("ancestor::form//input[@name='quantity']"));
        amount.clear();
        amount.sendKeys(Integer.toString(quantity));
        browser.click("[data-testid='add-to-cart'][data-sku='" + sku + "']");
        browser.awaitText("[data-testid='added'][data-sku='" + sku + "']", "Added " + quantity + " ×");
    }

    /** On the checkout page: fills contact and a valid Israeli shipping address. */
    void fillCheckout(String email) {
        fillCheckout(email, TEL_AVIV);
    }

    /** On the checkout page: fills contact and {@code address}, finding the inputs by their API field paths. */
    void fillCheckout(String email, Address address) {
        browser.visible("#cart-table");
        browser.type("[name='email']", email);
        browser.type("[name='shippingAddress.fullName']", address.fullName());
        browser.type("[name='shippingAddress.phone']", address.phone());
        browser.type("[name='shippingAddress.line1']", address.line1());
        browser.type("[name='shippingAddress.city']", address.city());
        shipTo(address.country(), address.postalCode());
        WebElement sandbox = browser.visible("[name='paymentMethod'][value='sandbox']");
        assertThat(sandbox.isSelected()).as("sandbox is the payment method").isTrue();
    }

    /** On the checkout page: chooses the shipping country and types a postal code of that country. */
    void shipTo(String country, String postalCode) {
        browser.choose("[name='shippingAddress.country']", country);
        browser.type("[name='shippingAddress.postalCode']", postalCode);
    }

    /**
     * The total the checkout page shows ({@code data-testid="checkout-total"}), read once the page has priced the
     * current cart, address and code (no update pending: no {@code aria-busy} around it) and shows an amount.
     */
    String checkoutTotal() {
        return browser.await(driver ->
                (String) browser.script("const total = document.querySelector('[data-testid=\"checkout-total\"]');"
                        + " if (!total || total.closest('[aria-busy=\"true\"]')) { return null; }"
                        + " const text = total.textContent.trim();"
                        + " return /\\d/.test(text) ? text : null;"));
    }

    /** Presses "Place order and pay" ({@code data-testid="place-order"}) and waits for the order page; returns its id. */
    String placeOrder() {
        browser.click("[data-testid='place-order']");
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
        return (String) browser.script("const badge = document.querySelector('[data-testid=\"order-status\"] .badge');"
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
