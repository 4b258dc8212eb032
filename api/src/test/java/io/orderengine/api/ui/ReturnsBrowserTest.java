package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;

/**
 * Parcels and returns in a real browser at a laptop's and a phone's width (issue #18). Over HTTP: a paid order of
 * 2 × one SKU and 1 × another ships in two parcels. In the browser: the admin marks one parcel delivered with its
 * button; the guest, with the token link, asks for one unit back with "Return items"; the admin receives it with
 * restock (the stock rises by one, the refund is the engine's figure); a second return is rejected by the admin.
 */
class ReturnsBrowserTest extends EngineInBrowserTest {

    ReturnsBrowserTest() {
        super("returns");
    }

    @Test
    void aParcelIsDeliveredAReturnIsAskedForReceivedWithRestockAndRefundedAndAnotherRejected() {
        for (Browser.Viewport viewport : Browser.Viewport.values()) {
            String size = viewport.name().toLowerCase(Locale.ROOT);
            String mug = "UI-MUG-" + viewport.name();
            String cap = "UI-CAP-" + viewport.name();
            browser.use(viewport);
            ShopperSteps.stockedSku(client, admin, mug, 1500, 10);
            ShopperSteps.stockedSku(client, admin, cap, 900, 10);
            Placed order = paidOrderInTwoParcels(mug, cap, "returns-" + size + "@example.com");
            String adminPage = "/admin/order.html?id=" + order.id();

            // the admin marks parcel S1 delivered with its button
            browser.forgetVisitor();
            shopper.signIn(ADMIN_USER, "ADMIN");
            browser.open(adminPage);
            browser.visible("[data-testid='shipment-S2'] [data-testid='deliver-S2']");
            browser.click("[data-testid='deliver-S1']");
            browser.await(driver -> "DELIVERED".equals(status("[data-testid='shipment-S1']")));
            assertThat(browser.text("[data-testid='shipment-S1']")).contains("delivered");
            assertThat(browser.present("[data-testid='deliver-S1']"))
                    .as("a delivered parcel has no Delivered button")
                    .isFalse();
            assertThat(status("[data-testid='shipment-S2']")).isEqualTo("SHIPPED");
            assertThat(browser.text("[data-testid='shipment-S2']")).contains("on its way");
            JsonNode delivered = order(order);
            assertThat(delivered.path("shipments").get(0).path("deliveredAt").asText())
                    .isNotBlank();
            assertThat(delivered.path("shipments").get(1).path("deliveredAt").isNull())
                    .isTrue();
            browser.screenshot("admin-parcel-delivered-" + size, viewport);

            // the guest asks for one mug back with "Return items"
            browser.forgetVisitor();
            browser.open(order.guestPage());
            askForReturn(mug, "too small");
            browser.await(driver -> "REQUESTED".equals(status("[data-testid='return-R1']")));
            assertThat(browser.text("[data-testid='return-R1']"))
                    .contains("Return R1: requested")
                    .contains("1 × Test " + mug);
            assertThat(returnOf(order(order), "R1")
                            .path("lines")
                            .get(0)
                            .path("reason")
                            .asText())
                    .isEqualTo("too small");
            browser.screenshot("guest-return-requested-" + size, viewport);
            int availableBefore = ShopperSteps.available(client, mug);

            // the admin receives it, back on hand
            shopper.signIn(ADMIN_USER, "ADMIN");
            browser.open(adminPage);
            browser.visible("[data-testid='receive-form-R1']");
            assertThat(status("[data-testid='return-R1']")).isEqualTo("REQUESTED");
            assertThat(browser.find("[data-testid='restock-R1-0']").isSelected())
                    .as("restock is chosen")
                    .isTrue();
            typeAndPress("[data-testid='receive-form-R1'] [name='note']", "box unopened", "[data-testid='receive-R1']");
            browser.await(driver -> List.of("RECEIVED", "REFUNDED").contains(status("[data-testid='return-R1']")));
            browser.await(Duration.ofSeconds(45), driver -> "REFUNDED".equals(status("[data-testid='return-R1']")));
            JsonNode refunded = awaitOrder(
                    order,
                    o -> "REFUNDED".equals(returnOf(o, "R1").path("status").asText())
                            && o.path("payment").path("refundedMinor").asLong() > 0);
            JsonNode r1 = returnOf(refunded, "R1");
            long expected = share(refunded.path("totals"), 1500);
            assertThat(r1.path("refundMinor").asLong())
                    .as("⌊(total − shipping) × 1500 / subtotal⌋")
                    .isEqualTo(expected);
            assertThat(refunded.path("payment").path("refundedMinor").asLong())
                    .as("the order's refunded amount is the return's")
                    .isEqualTo(expected);
            assertThat(r1.path("lines").get(0).path("restock").asBoolean()).isTrue();
            assertThat(browser.text("[data-testid='return-R1']"))
                    .contains("Return R1 — refunded")
                    .contains("restocked")
                    .contains("refund " + euros(expected));
            assertThat(browser.present("[data-testid='receive-form-R1']")).isFalse();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ShopperSteps.available(client, mug) == availableBefore + 1);
            browser.screenshot("admin-return-refunded-" + size, viewport);

            // the guest asks for the cap back; the admin rejects it
            browser.forgetVisitor();
            browser.open(order.guestPage());
            browser.await(driver -> "REFUNDED".equals(status("[data-testid='return-R1']")));
            assertThat(browser.text("[data-testid='return-R1']")).contains("refund " + euros(expected));
            askForReturn(cap, "");
            browser.await(driver -> "REQUESTED".equals(status("[data-testid='return-R2']")));
            shopper.signIn(ADMIN_USER, "ADMIN");
            browser.open(adminPage);
            typeAndPress("[data-testid='reject-form-R2'] [name='reason']", "worn", "[data-testid='reject-R2']");
            browser.await(driver -> "REJECTED".equals(status("[data-testid='return-R2']")));
            assertThat(browser.text("[data-testid='return-R2']")).contains("Return R2 — rejected");
            assertThat(browser.present("[data-testid='reject-form-R2']")).isFalse();
            JsonNode rejected = awaitOrder(
                    order,
                    o -> "REJECTED".equals(returnOf(o, "R2").path("status").asText()));
            assertThat(returnOf(rejected, "R2").path("refundMinor").asLong()).isZero();
            assertThat(rejected.path("payment").path("refundedMinor").asLong())
                    .as("nothing more refunded")
                    .isEqualTo(expected);
            browser.screenshot("admin-return-rejected-" + size, viewport);

            browser.forgetVisitor();
            browser.open(order.guestPage());
            browser.await(driver -> "REJECTED".equals(status("[data-testid='return-R2']")));
            assertThat(browser.text("[data-testid='return-R2']")).contains("Return R2: rejected");
            browser.screenshot("guest-returns-" + size, viewport);
        }
    }

    /** An order as its guest reads it: id and token. */
    private record Placed(String id, String token) {
        String apiPath() {
            return "/api/v1/orders/" + id + "?token=" + token;
        }

        String guestPage() {
            return "/order.html?id=" + id + "&token=" + token;
        }
    }

    /** Over HTTP: 2 × {@code first} and 1 × {@code second}, paid on the sandbox, shipped as S1 (1 × first) and S2. */
    private Placed paidOrderInTwoParcels(String first, String second, String email) {
        Map<String, Object> body = new HashMap<>(EngineClient.checkoutBody(first, 2, email));
        body.put("items", List.of(Map.of("sku", first, "quantity", 2), Map.of("sku", second, "quantity", 1)));
        EngineClient.Reply placed = client.checkout(body, null);
        assertThat(placed.status()).as("checkout: %s", placed.body()).isEqualTo(201);
        Placed order = new Placed(placed.text("orderId"), placed.text("guestToken"));
        JsonNode awaiting = awaitOrder(
                order,
                o -> "AWAITING_PAYMENT".equals(o.path("status").asText())
                        && !o.path("payment")
                                .path("action")
                                .path("url")
                                .asText()
                                .isEmpty());
        String pay = awaiting.path("payment").path("action").path("url").asText();
        assertThat(client.post(pay, Map.of("outcome", "approve"), null).status())
                .isEqualTo(200);
        awaitOrder(order, o -> "CONFIRMED".equals(o.path("status").asText()));
        String admin = "/api/v1/admin/orders/" + order.id();
        assertThat(client.post(admin + "/status", Map.of("status", "PROCESSING"), this.admin)
                        .status())
                .isEqualTo(202);
        awaitOrder(order, o -> "PROCESSING".equals(o.path("status").asText()));
        EngineClient.Reply s1 = client.post(
                admin + "/shipments", Map.of("lines", List.of(Map.of("sku", first, "quantity", 1))), this.admin);
        assertThat(s1.status()).as("%s", s1.body()).isEqualTo(201);
        EngineClient.Reply s2 = client.post(
                admin + "/shipments",
                Map.of(
                        "lines",
                        List.of(Map.of("sku", first, "quantity", 1), Map.of("sku", second, "quantity", 1)),
                        "carrier",
                        "DHL",
                        "trackingNumber",
                        "JD0123"),
                this.admin);
        assertThat(s2.status()).as("%s", s2.body()).isEqualTo(201);
        awaitOrder(
                order,
                o -> "SHIPPED".equals(o.path("status").asText())
                        && o.path("shipments").size() == 2);
        return order;
    }

    /**
     * On the customer's order page: presses "Return items", asks for 1 unit of {@code sku} and sends the form. The page
     * redraws itself whenever the order's stream or a re-read brings the order (and the form with it), so the steps
     * start again on a redrawn form until the send button was pressed.
     */
    private void askForReturn(String sku, String reason) {
        browser.await(driver -> {
            try {
                WebElement form = browser.find("[data-testid='return-form']");
                if (!form.isDisplayed()) {
                    browser.find("[data-testid='return-items']").click();
                }
                String name = form.findElement(By.cssSelector("input[type='hidden'][value='" + sku + "']"))
                        .getAttribute("name");
                WebElement quantity = form.findElement(By.name(name.replace(".sku", ".quantity")));
                quantity.clear();
                quantity.sendKeys("1");
                WebElement why = form.findElement(By.name(name.replace(".sku", ".reason")));
                why.clear();
                why.sendKeys(reason);
                form.findElement(By.cssSelector("[data-testid='send-return']")).click();
                return true;
            } catch (NoSuchElementException | ElementNotInteractableException e) {
                return false;
            }
        });
    }

    /** Types into a field and presses a button, again on the redrawn form when a live update redrew it meanwhile. */
    private void typeAndPress(String field, String text, String button) {
        browser.await(driver -> {
            try {
                WebElement input = browser.find(field);
                input.clear();
                input.sendKeys(text);
                browser.find(button).click();
                return true;
            } catch (NoSuchElementException | ElementNotInteractableException e) {
                return false;
            }
        });
    }

    private String status(String css) {
        return browser.present(css) ? browser.find(css).getAttribute("data-status") : null;
    }

    private JsonNode order(Placed order) {
        return client.get(order.apiPath(), null).body();
    }

    private JsonNode awaitOrder(Placed order, Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> order(order), done::test);
    }

    private static JsonNode returnOf(JsonNode order, String returnId) {
        for (JsonNode r : order.path("returns")) {
            if (r.path("returnId").asText().equals(returnId)) {
                return r;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** ⌊G·value/S⌋ with G = total − shipping and S = subtotal: the rule of docs/payments.md. */
    private static long share(JsonNode totals, long value) {
        long goods = totals.path("totalMinor").asLong()
                - totals.path("shippingMinor").asLong();
        return Math.floorDiv(goods * value, totals.path("subtotalMinor").asLong());
    }

    private static String euros(long minor) {
        return String.format(Locale.US, "€%,d.%02d", minor / 100, minor % 100);
    }
}
