package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.testkit.EngineClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin's discount codes page in a real browser: the seeded configuration code is listed, a code is created from
 * inputs named after the API's fields, a refused one says why, and an edit switches a code off.
 */
class AdminDiscountsBrowserTest extends EngineInBrowserTest {

    AdminDiscountsBrowserTest() {
        super("admin-discounts");
    }

    @BeforeAll
    void signInAsAdmin() {
        browser.forgetVisitor();
        shopper.signIn(ADMIN_USER, "ADMIN");
    }

    @Test
    void adminCreatesACodeSeesItListedAndSwitchesItOff() {
        browser.open("/admin/discounts.html");
        browser.visible("[data-testid='discount-row-WELCOME10']");
        assertThat(browser.text("[data-testid='discount-row-WELCOME10'] td:nth-child(2)"))
                .isEqualTo("10 %");

        browser.click("[data-testid='discount-panel'] summary");
        browser.type("[name='code']", "UI-FIVE");
        browser.choose("[name='type']", "fixed");
        browser.type("[name='value']", "500");
        browser.click("[data-testid='discount-save']");
        browser.awaitText("[data-testid='discount-message']", "currency");

        browser.type("[name='currency']", "EUR");
        browser.type("[name='maxUses']", "3");
        browser.click("[data-testid='discount-save']");
        browser.awaitText("[data-testid='discount-message']", "Created UI-FIVE");
        browser.visible("[data-testid='discount-row-UI-FIVE']");
        assertThat(browser.text("[data-testid='discount-uses-UI-FIVE']")).isEqualTo("0 + 0");
        assertThat(browser.text("[data-testid='discount-row-UI-FIVE'] td:nth-child(4)"))
                .isEqualTo("3 in all");

        browser.click("[data-testid='discount-edit-UI-FIVE']");
        assertThat(browser.find("[name='code']").getAttribute("readonly")).isNotNull();
        browser.click("[name='active']");
        browser.click("[data-testid='discount-save']");
        browser.awaitText("[data-testid='discount-message']", "Saved UI-FIVE");
        browser.awaitText("[data-testid='discount-row-UI-FIVE']", "Inactive");
        EngineClient.Reply stored = client.get("/api/v1/admin/discounts/UI-FIVE", admin);
        assertThat(stored.body().path("active").asBoolean()).isFalse();
        assertThat(stored.body().path("maxUses").asInt()).isEqualTo(3);
        assertThat(stored.text("currency")).isEqualTo("EUR");
        assertThat(browser.pageErrors()).isEmpty();
        browser.screenshot("admin-discounts");
    }
}
