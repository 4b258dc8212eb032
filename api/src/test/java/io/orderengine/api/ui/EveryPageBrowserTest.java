package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every page of the shop and the admin console, at a phone's width (390×844) and a laptop's (1366×900): nothing is
 * wider than the window (no sideways scrolling), and the page speaks in words: no enum codes such as
 * {@code AWAITING_PAYMENT} and no class names such as {@code OrderPlacedEvent} in its text. A screenshot per page
 * and width goes to {@code target/screenshots/pages-*.png}.
 */
class EveryPageBrowserTest extends EngineInBrowserTest {

    /** An enum code: capitals joined by underscores. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]+(_[A-Z]+)+\\b");
    /** A Java class name of an event: {@code OrderPlacedEvent}, {@code PaymentRefundedEvent}. */
    private static final Pattern EVENT_CLASS = Pattern.compile("\\b[A-Z][a-z]+[A-Za-z]*Event\\b");

    private String paidOrderId;
    private String guestOrderLink;
    private String paidOrderLink;
    private String declinedOrderLink;
    private String rejectedOrderLink;

    /** A page, the element that shows it has loaded, and the name of its screenshots. */
    private record Page(String name, String path, String loaded) {}

    EveryPageBrowserTest() {
        super("pages");
    }

    @BeforeAll
    void ordersInEveryState() {
        ShopperSteps.stockedSku(client, admin, "UI-LAMP-WITH-A-RATHER-LONG-CODE", 4000, 10);
        ShopperSteps.stockedSku(client, admin, "UI-MUG", 1250, 3);
        JsonNode paid = placeAndPay("UI-LAMP-WITH-A-RATHER-LONG-CODE", 2, "dana.with.a.long.address@example.com");
        paidOrderId = paid.path("orderId").asText();
        paidOrderLink = link(paid);
        ShopperSteps.stockedSku(client, admin, "UI-VASE", 2200, 5);
        JsonNode declined = place("UI-VASE", 1, "declined@example.com", null);
        assertThat(client.post(
                                declined.path("payment")
                                        .path("action")
                                        .path("url")
                                        .asText(),
                                Map.of("outcome", "decline"),
                                null)
                        .status())
                .isEqualTo(200);
        declinedOrderLink = link(declined);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "FAILED".equals(client.get(apiPath(declined), null).text("paymentStatus")));
        EngineClient.Reply tooMany = client.checkout(EngineClient.checkoutBody("UI-VASE", 9, "many@example.com"), null);
        assertThat(tooMany.status()).as("checkout: %s", tooMany.body()).isEqualTo(201);
        JsonNode rejected = tooMany.body();
        rejectedOrderLink = link(rejected);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        "REJECTED".equals(client.get(apiPath(rejected), null).text("status")));
        JsonNode unpaid = place("UI-MUG", 1, "eli@example.com", null);
        guestOrderLink = "/order.html?id=" + unpaid.path("orderId").asText() + "&token="
                + unpaid.path("guestToken").asText();
        place("UI-MUG", 1, "pat@example.com", client.token("pat", "CUSTOMER"));
    }

    @Test
    void everyPageFitsAPhoneAndALaptopAndSpeaksInWords() {
        List<String> problems = new ArrayList<>();
        for (Browser.Viewport viewport : Browser.Viewport.values()) {
            browser.use(viewport);
            browser.forgetVisitor();
            shopper.addToCart("UI-MUG", 1);
            visitAll(
                    viewport,
                    problems,
                    List.of(
                            new Page("shop", "/", "[data-testid='add-to-cart']"),
                            new Page("checkout", "/checkout.html", "#cart-table"),
                            new Page("order", guestOrderLink, "#order-number"),
                            new Page("order-paid", paidOrderLink, "#history-table tbody tr"),
                            new Page("order-declined", declinedOrderLink, "[data-testid='retry-payment']"),
                            new Page("order-rejected", rejectedOrderLink, "[data-testid='back-to-cart']"),
                            new Page("signin", "/signin.html", "#demo-sign-in")));
            shopper.signIn("pat", "CUSTOMER");
            visitAll(viewport, problems, List.of(new Page("my-orders", "/orders.html", "#history table")));
            shopper.signIn(ADMIN_USER, "ADMIN");
            visitAll(
                    viewport,
                    problems,
                    List.of(
                            new Page("admin-dashboard", "/admin/index.html", "#content[data-loaded-at]"),
                            new Page("admin-orders", "/admin/orders.html", "#orders-table tbody tr"),
                            new Page("admin-order", "/admin/order.html?id=" + paidOrderId, "#audit-table tbody tr"),
                            new Page("admin-skus", "/admin/skus.html", "#sku-table tbody tr"),
                            new Page("admin-discounts", "/admin/discounts.html", "#discount-table tbody tr"),
                            new Page("admin-operations", "/admin/operations.html", "#projections-table tbody tr")));
        }
        assertThat(problems).as("pages wider than the window or showing codes").isEmpty();
    }

    @Test
    void operationsOpensOnStuckCheckoutsAndOffersNoCompensationForOrdersThatAreOnlyWaiting() {
        browser.use(Browser.Viewport.DESKTOP);
        shopper.signIn(ADMIN_USER, "ADMIN");
        browser.open("/admin/operations.html");
        browser.await(driver -> browser.present("#no-sagas") || browser.present("#sagas-table"));
        assertThat(browser.find("#saga-state").getAttribute("value"))
                .as("opens on the stuck checkouts")
                .isEqualTo("stuck");
        assertThat(browser.all("#sagas .message.error"))
                .as("no error from the server")
                .isEmpty();
        assertThat(browser.text("#no-sagas")).isEqualTo("No checkout is stuck.");
        browser.choose("#saga-state", "running");
        browser.visible("#sagas-table tbody tr[data-stage='AWAITING_PAYMENT']");
        assertThat(browser.text("#sagas-table tbody tr[data-stage='AWAITING_PAYMENT'] td:nth-child(2)"))
                .isEqualTo("Waiting for the customer to pay");
        assertThat(browser.all("#sagas button[data-compensate]"))
                .as("an order that waits for its payment needs no compensation")
                .isEmpty();
        browser.screenshot("operations-running", Browser.Viewport.DESKTOP);
    }

    @Test
    void anUnreachableServerIsSaidInWordsWithATryAgainButton() {
        browser.use(Browser.Viewport.PHONE);
        try {
            browser.open("/signin.html");
            browser.cutOffApi(true);
            browser.open("/");
            assertThat(browser.awaitText("#message", "cannot be reached")).startsWith("The shop cannot be reached.");
            assertThat(browser.find("#loading").isDisplayed())
                    .as("no endless Loading…")
                    .isFalse();
            browser.screenshot("unreachable-phone", Browser.Viewport.PHONE);
            browser.cutOffApi(false);
            browser.click("#message [data-testid='retry']");
            browser.visible("[data-testid='add-to-cart'][data-sku='UI-MUG']");
        } finally {
            browser.cutOffApi(false);
        }
    }

    @Test
    void aFailedPlaceOrderIsSaidUnderTheButtonWithFocusAndWaitsInMinutes() {
        browser.use(Browser.Viewport.PHONE);
        browser.forgetVisitor();
        shopper.addToCart("UI-LAMP-WITH-A-RATHER-LONG-CODE", 1);
        browser.open("/checkout.html");
        shopper.fillCheckout("noa@example.com");
        shopper.checkoutTotal();
        try {
            browser.cutOffApi(true);
            browser.click("[data-testid='place-order']");
            String said = browser.await(Duration.ofSeconds(40), driver -> {
                String text =
                        browser.find("[data-testid='place-order-message']").getText();
                return text.isBlank() ? null : text;
            });
            assertThat(said).startsWith("The shop cannot be reached.");
            assertThat(browser.script("return document.activeElement.dataset.testid;"))
                    .as("focus moved to the message under the button")
                    .isEqualTo("place-order-message");
            assertThat(browser.find("[data-testid='place-order-message']").getAttribute("role"))
                    .isEqualTo("alert");
            browser.screenshot("place-order-failed-phone", Browser.Viewport.PHONE);
        } finally {
            browser.cutOffApi(false);
        }
        Object waits = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " import('/js/words.js').then((w) => done([w.duration(645), w.duration(30),"
                        + " w.alertWords('PAYMENT_SUCCESS_RATE_BELOW_80_PERCENT'), w.eventWords('OrderPlacedEvent'),"
                        + " w.statusWords('AWAITING_PAYMENT'), w.countryName('IL'), w.noteWords('paid')]));");
        assertThat(waits)
                .asList()
                .containsExactly(
                        "11 minutes",
                        "30 seconds",
                        "Fewer than 80 % of today's payments succeeded.",
                        "Order placed",
                        "Awaiting payment",
                        "Israel",
                        "Payment received");
    }

    private void visitAll(Browser.Viewport viewport, List<String> problems, List<Page> pages) {
        for (Page page : pages) {
            browser.open(page.path());
            browser.visible(page.loaded());
            browser.await(driver -> !((String) browser.script("return document.body.innerText;")).contains("Loading"));
            String where = page.name() + " at " + viewport.width + " px";
            Number page_ = (Number) browser.script("return document.documentElement.scrollWidth;");
            Number body = (Number) browser.script("return document.body.scrollWidth;");
            Number window = (Number) browser.script("return window.innerWidth;");
            if (page_.intValue() > window.intValue() || body.intValue() > window.intValue()) {
                problems.add(where + ": the page is " + Math.max(page_.intValue(), body.intValue())
                        + " px wide in a window of " + window + " px; widest: "
                        + browser.script(WIDEST));
            }
            // what the charts draw (axis labels, legends) is not in the page's text: read it from Chart.js
            String text = browser.script("return document.body.innerText;") + "\n" + browser.script(CHART_TEXT);
            for (Pattern pattern : List.of(CODE, EVENT_CLASS)) {
                Matcher found = pattern.matcher(text);
                while (found.find()) {
                    problems.add(where + ": shows the code " + found.group());
                }
            }
            browser.screenshot(page.name() + "-" + viewport.name().toLowerCase(), viewport);
        }
    }

    /** The labels and dataset names of every chart on the page (Chart.js keeps its charts in {@code Chart.instances}). */
    private static final String CHART_TEXT = "return window.Chart ? Object.values(window.Chart.instances)"
            + ".flatMap(c => (c.data.labels || []).map(String).concat(c.data.datasets.map(d => d.label || '')))"
            + ".join('\\n') : '';";

    /** The elements that reach beyond the window's right edge, innermost first, for the failure message. */
    private static final String WIDEST = "const out = [];"
            + " for (const el of document.querySelectorAll('body *')) {"
            + "   const r = el.getBoundingClientRect();"
            + "   if (r.right > window.innerWidth + 0.5 && !el.closest('.table-wrap')) {"
            + "     out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')"
            + "       + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '')"
            + "       + ' ' + Math.round(r.right));"
            + "   }"
            + " }"
            + " return out.reverse().slice(0, 6).join(', ');";

    private static String link(JsonNode order) {
        return "/order.html?id=" + order.path("orderId").asText() + "&token="
                + order.path("guestToken").asText();
    }

    private static String apiPath(JsonNode order) {
        return "/api/v1/orders/" + order.path("orderId").asText() + "?token="
                + order.path("guestToken").asText();
    }

    private JsonNode place(String sku, int quantity, String email, String token) {
        EngineClient.Reply placed = client.checkout(EngineClient.checkoutBody(sku, quantity, email), token);
        assertThat(placed.status()).as("checkout: %s", placed.body()).isEqualTo(201);
        String guestToken = placed.text("guestToken");
        String path = "/api/v1/orders/" + placed.text("orderId") + (token == null ? "?token=" + guestToken : "");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "AWAITING_PAYMENT".equals(client.get(path, token).text("status")));
        com.fasterxml.jackson.databind.node.ObjectNode order = (com.fasterxml.jackson.databind.node.ObjectNode)
                client.get(path, token).body().deepCopy();
        return order.put("guestToken", guestToken);
    }

    private JsonNode placeAndPay(String sku, int quantity, String email) {
        JsonNode order = place(sku, quantity, email, null);
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
