package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole engine on a fresh store and one headless chromium pointed at it, shared by the tests of one class: both
 * are started before the class's own {@code @BeforeAll} methods run and closed after its {@code @AfterAll} methods.
 * A failed test leaves a screenshot ({@code failed-<test>}), and every test must end with no script error or CSP
 * violation in the browser's console.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineInBrowserTest {

    /** The admin's user id in the tokens {@link #admin} and the pages' sign-in use. */
    static final String ADMIN_USER = "ui-admin";

    private final String screenshots;

    RunningEngine engine;
    EngineClient client;
    /** A bearer token of {@link #ADMIN_USER} with the ADMIN role. */
    String admin;

    Browser browser;
    ShopperSteps shopper;

    /** {@code screenshots} prefixes the names of the class's screenshots. */
    EngineInBrowserTest(String screenshots) {
        this.screenshots = screenshots;
    }

    /** Adds the class's settings to the engine's properties (a fresh store's, {@link TestStore#fresh}). */
    void configure(Map<String, Object> properties) {}

    @BeforeAll
    final void startEngineAndBrowser(@TempDir Path store) {
        Map<String, Object> properties = TestStore.fresh(store);
        configure(properties);
        engine = RunningEngine.start(properties);
        client = engine.client();
        admin = client.token(ADMIN_USER, "ADMIN");
        browser = Browser.start(engine.port(), screenshots);
        shopper = new ShopperSteps(browser);
    }

    @AfterAll
    final void closeBrowserAndEngine() {
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
            browser.screenshot("failed-" + context.getRequiredTestMethod().getName(), browser.viewport());
        }
    };

    @AfterEach
    final void pagesRanWithoutScriptOrPolicyErrors() {
        assertThat(browser.pageErrors())
                .as("script errors and CSP violations in the browser console")
                .isEmpty();
    }
}
