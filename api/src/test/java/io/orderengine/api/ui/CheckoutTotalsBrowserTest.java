package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.ui.Browser.Viewport;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.Keys;

/**
 * The checkout page shows the total the order then charges, at a laptop's and a phone's width, against a whole engine
 * in demo mode with its pricing (IL 18 %, DE 19 % tax; €5.00 shipping, free from €50.00 of goods; WELCOME10 takes
 * 10 % off): what {@code data-testid="checkout-total"} says before "Place order and pay" is compared with the order's
 * total from {@code GET /api/v1/orders/{id}?token=} and with {@code data-testid="order-total"} on the order page.
 */
class CheckoutTotalsBrowserTest extends EngineInBrowserTest {

    CheckoutTotalsBrowserTest() {
        super("checkout-totals");
    }

    @BeforeEach
    void freshVisitor() {
        browser.use(Viewport.DESKTOP);
        browser.forgetVisitor();
    }

    @ParameterizedTest(name = "at {0} size")
    @EnumSource(Viewport.class)
    void guestInIsraelSeesOnTheCheckoutPageTheTotalTheOrderCharges(Viewport viewport) {
        String sku = "UI-TOTAL-MUG-" + viewport;
        ShopperSteps.stockedSku(client, admin, sku, 1250, 5);
        browser.use(viewport);
        shopper.addToCart(sku, 2);
        browser.open("/checkout.html");
        shopper.fillCheckout("noa@example.com", ShopperSteps.TEL_AVIV);

        String shown = shopper.checkoutTotal();
        browser.screenshot("israel-" + viewport.name().toLowerCase(Locale.ROOT), viewport);

        JsonNode totals = placeAndReadTotals();
        assertThat(shown)
                .as("the checkout page's total is what the order charges")
                .isEqualTo(euros(totals.path("totalMinor").asLong()));
        assertThat(browser.text("[data-testid='order-total']"))
                .as("the order page's total")
                .isEqualTo(shown);
        // €25.00 of goods + €5.00 shipping, and 18 % Israeli tax on both
        assertThat(totals.path("taxMinor").asLong()).isEqualTo(540);
        assertThat(shown).isEqualTo("€35.40");
        browser.screenshot("israel-order-" + viewport.name().toLowerCase(Locale.ROOT), viewport);
    }

    @ParameterizedTest(name = "at {0} size")
    @EnumSource(Viewport.class)
    void totalsFollowCountryCodeAndCartAcrossTheFreeShippingThreshold(Viewport viewport) {
        String sku = "UI-TOTAL-POSTER-" + viewport;
        ShopperSteps.stockedSku(client, admin, sku, 1800, 10);
        browser.use(viewport);
        shopper.addToCart(sku, 3);
        browser.open("/checkout.html");
        shopper.fillCheckout("jonas@example.com", ShopperSteps.TEL_AVIV);
        // €54.00 of goods ships free; 18 % tax
        assertThat(shopper.checkoutTotal()).isEqualTo("€63.72");

        shopper.shipTo(ShopperSteps.BERLIN.country(), ShopperSteps.BERLIN.postalCode());
        assertThat(shopper.checkoutTotal()).as("19 % German tax").isEqualTo("€64.26");
        assertThat(browser.text("#total-shipping")).isEqualTo("Free");

        browser.type("[name='discountCode']", "SAVE10");
        browser.click("#apply-discount");
        assertThat(browser.awaitText("#discount-error", "not valid")).startsWith("This code is not valid.");
        assertThat(shopper.checkoutTotal())
                .as("an unknown code leaves the totals without a discount")
                .isEqualTo("€64.26");
        assertThat(browser.find("main").getText()).doesNotContainIgnoringCase("unknown discount code");
        browser.screenshot("unknown-code-" + viewport.name().toLowerCase(Locale.ROOT), viewport);

        browser.type("[name='discountCode']", "welcome10");
        browser.click("#apply-discount");
        // €54.00 − €5.40 = €48.60 of goods falls under the free-shipping threshold: + €5.00 shipping, 19 % tax
        assertThat(shopper.checkoutTotal()).isEqualTo("€63.78");
        assertThat(browser.present("#discount-error")).isFalse();
        assertThat(browser.text("#total-shipping")).isEqualTo("€5.00");

        browser.visible("#cart-qty-0").sendKeys(Keys.chord(Keys.CONTROL, "a"), "4", Keys.TAB);
        // €72.00 − €7.20 = €64.80 ships free again; 19 % tax
        assertThat(shopper.checkoutTotal()).as("the cart's new quantity").isEqualTo("€77.11");
        assertThat(browser.text("#total-shipping")).isEqualTo("Free");
        String shown = shopper.checkoutTotal();
        browser.screenshot("germany-" + viewport.name().toLowerCase(Locale.ROOT), viewport);

        JsonNode totals = placeAndReadTotals();
        assertThat(totals.path("discountMinor").asLong()).isEqualTo(720);
        assertThat(totals.path("shippingMinor").asLong()).isZero();
        assertThat(euros(totals.path("totalMinor").asLong()))
                .as("what the order charges")
                .isEqualTo(shown);
        assertThat(browser.text("[data-testid='order-total']"))
                .as("the order page's total")
                .isEqualTo(shown);
    }

    /** Places the order on the checkout page and reads its totals as the API reports them to the guest. */
    private JsonNode placeAndReadTotals() {
        String orderId = shopper.placeOrder();
        String token = shopper.queryParameter("token");
        assertThat(token).as("a guest's order page carries the view token").isNotBlank();
        browser.visible("[data-testid='order-total']");
        JsonNode[] order = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            EngineClient.Reply reply = client.get("/api/v1/orders/" + orderId + "?token=" + token, null);
            assertThat(reply.status()).isEqualTo(200);
            order[0] = reply.body();
        });
        return order[0].path("totals");
    }

    private static String euros(long minor) {
        return String.format(Locale.US, "€%,d.%02d", minor / 100, minor % 100);
    }
}
