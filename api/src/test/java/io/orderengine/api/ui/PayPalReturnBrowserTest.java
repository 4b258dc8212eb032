package io.orderengine.api.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.gateways.PayPalEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A guest pays with PayPal (the PayPal API emulated on loopback, no webhooks configured), in a real browser: the
 * PayPal order the engine creates sends the buyer back to the order page on approval and on cancel; coming back from
 * a cancel the page offers "Try again", and coming back from an approval of the second attempt the order is captured
 * and confirmed without any webhook. PayPal's own {@code token} in those URLs never stands in for the guest's.
 */
class PayPalReturnBrowserTest extends EngineInBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PayPalEmulator paypal = new PayPalEmulator();

    PayPalReturnBrowserTest() {
        super("paypal-return");
    }

    @Override
    void configure(Map<String, Object> properties) {
        properties.put("engine.payments.paypal.client-id", "AeUiClientId");
        properties.put("engine.payments.paypal.client-secret", "EUiClientSecret");
        properties.put("engine.payments.paypal.base-url", paypal.baseUrl());
    }

    @AfterAll
    void stopPayPal() {
        paypal.shutdown();
    }

    @Test
    void aGuestWhoCancelsAtPayPalTriesAgainAndIsConfirmedOnComingBackApproved() throws Exception {
        ShopperSteps.stockedSku(client, admin, "UI-PP-LAMP", 4200, 5);
        Map<String, Object> body = EngineClient.checkoutBody("UI-PP-LAMP", 1, "lamp@example.com");
        body.put("paymentMethod", "paypal");
        EngineClient.Reply placed = client.checkout(body, null);
        assertThat(placed.status()).as("checkout: %s", placed.body()).isEqualTo(201);
        String orderId = placed.text("orderId");
        String orderApi = "/api/v1/orders/" + orderId + "?token=" + placed.text("guestToken");
        String firstPayPalOrder = awaitOrder(orderApi, o -> !reference(o).isEmpty())
                .path("payment")
                .path("reference")
                .asText();

        JsonNode context = applicationContext(orderId, 1);
        String page = "http://localhost:" + engine.port() + "/order.html?id=" + orderId;
        assertThat(context.path("return_url").asText()).isEqualTo(page + "&paypal=approved");
        assertThat(context.path("cancel_url").asText()).isEqualTo(page + "&paypal=cancelled");

        browser.use(Browser.Viewport.DESKTOP);
        browser.forgetVisitor();
        browser.open("/order.html?id=" + orderId + "&token=" + placed.text("guestToken"));
        browser.visible("#paypal-approve");

        // the buyer cancels at PayPal, which sends them to the cancel URL with its own token
        browser.open(pathOf(context.path("cancel_url").asText()) + "&token=" + firstPayPalOrder);
        assertThat(browser.awaitText("#paypal-return", "cancelled")).contains("nothing was charged");
        browser.visible("[data-testid='retry-payment']");
        assertThat(browser.path()).doesNotContain("paypal=").doesNotContain(firstPayPalOrder);
        assertThat(client.get(orderApi, null).body().path("paymentStatus").asText())
                .isEqualTo("FAILED");
        browser.screenshot("cancelled-at-paypal");

        browser.click("#retry-paypal");
        browser.click("[data-testid='retry-payment']");
        browser.visible("#paypal-approve");
        String secondPayPalOrder = awaitOrder(
                        orderApi, o -> !reference(o).isEmpty() && !reference(o).equals(firstPayPalOrder))
                .path("payment")
                .path("reference")
                .asText();

        // the buyer approves this time; PayPal sends them to the return URL with its token and PayerID
        paypal.buyerApproves(secondPayPalOrder);
        JsonNode second = applicationContext(orderId, 2);
        browser.open(
                pathOf(second.path("return_url").asText()) + "&token=" + secondPayPalOrder + "&PayerID=QYR5Z8XDVJNXQ");
        assertThat(browser.awaitText("#paypal-return", "approved")).contains("PayPal approved your payment");
        shopper.awaitStatus("CONFIRMED");
        JsonNode paid =
                awaitOrder(orderApi, o -> "PAID".equals(o.path("paymentStatus").asText()));
        assertThat(paid.path("payment").path("capturedMinor").asLong())
                .isEqualTo(paid.path("totals").path("totalMinor").asLong());
        browser.screenshot("approved-at-paypal");
        assertThat(browser.pageErrors()).as("script errors and CSP violations").isEmpty();
    }

    private static String reference(JsonNode order) {
        return order.path("payment").path("reference").asText();
    }

    /** The application_context of the {@code n}-th PayPal order created for {@code orderId}. */
    private JsonNode applicationContext(String orderId, int n) throws Exception {
        var creates = paypal.server().findAll(postRequestedFor(urlPathEqualTo("/v2/checkout/orders"))).stream()
                .filter(r -> r.getBodyAsString().contains(orderId))
                .toList();
        assertThat(creates).hasSizeGreaterThanOrEqualTo(n);
        return JSON.readTree(creates.get(n - 1).getBodyAsString()).path("application_context");
    }

    /** PayPal sends the buyer to the shop's public address; the browser here knows the engine by its own one. */
    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private JsonNode awaitOrder(String path, Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get(path, null).body(), done::test);
    }
}
