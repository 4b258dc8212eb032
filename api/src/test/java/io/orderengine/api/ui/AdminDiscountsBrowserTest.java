package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin's discount codes page in a real browser: the seeded configuration code is listed, a code is created from
 * inputs named after the API's fields, a refused one says why, and an edit switches a code off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminDiscountsBrowserTest {

    @TempDir
    static Path store;

    private RunningEngine engine;
    private EngineClient client;
    private Browser browser;

    @BeforeAll
    void start() {
        engine = RunningEngine.start(TestStore.fresh(store));
        client = engine.client();
        browser = Browser.start(engine.port(), "admin-discounts");
        browser.forgetVisitor();
        new ShopperSteps(browser).signIn("ui-admin", "ADMIN");
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
        }
    };

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
        String admin = client.token("ui-admin", "ADMIN");
        EngineClient.Reply stored = client.get("/api/v1/admin/discounts/UI-FIVE", admin);
        assertThat(stored.body().path("active").asBoolean()).isFalse();
        assertThat(stored.body().path("maxUses").asInt()).isEqualTo(3);
        assertThat(stored.text("currency")).isEqualTo("EUR");
        assertThat(browser.pageErrors()).isEmpty();
        browser.screenshot("admin-discounts");
    }
}
