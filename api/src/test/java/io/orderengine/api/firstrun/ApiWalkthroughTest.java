package io.orderengine.api.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/api.md} cannot drift: the {@code bash} blocks of its numbered sections and of its Idempotency section
 * run, in order and as written, in
 * one shell against a fresh demo engine (demo SKUs, demo rate limits), with only {@code B} pointed at it.
 */
class ApiWalkthroughTest {

    static final String DOC_BASE = "B=http://localhost:8080";

    @TempDir
    static Path folder;

    static RunningEngine engine;

    @BeforeAll
    static void startAFreshDemoEngine() {
        engine = RunningEngine.start(demoEngine(folder));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A newcomer's engine: the demo catalogue and demo mode's own rate limits (nothing turned off). */
    static Map<String, Object> demoEngine(Path folder) {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.demo.seed-skus", "true");
        properties.remove("engine.rate-limit.enabled");
        return properties;
    }

    static String walkthrough(int port) {
        List<String> blocks = RepositoryScripts.bashBlocks(
                RepositoryScripts.read("docs/api.md"),
                heading -> heading.matches("\\d+\\. .*") || heading.equals("Idempotency"));
        String script = String.join("\n", blocks);
        assertThat(blocks).as("the walkthrough's steps").hasSizeGreaterThanOrEqualTo(6);
        assertThat(script).as("the walkthrough names its engine once").contains(DOC_BASE);
        return script.replace(DOC_BASE, "B=http://127.0.0.1:" + port);
    }

    @Test
    void everyStepOfTheWalkthroughWorksAsWrittenInSequenceOnAFreshDemoEngine() {
        RepositoryScripts.Run run = RepositoryScripts.bash(walkthrough(engine.port()), 240);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .as("the SKU list shows the new SKU's stock and the demo SKUs")
                .contains("\"sku\":\"TSHIRT-BLUE-M\"")
                .contains("\"available\":10")
                .contains("\"total\":5")
                .as("the order's totals as the doc explains them")
                .contains("\"totalMinor\":5900")
                .as("declined, retried, paid, shipped; the second order cancelled")
                .contains("\"status\":\"CONFIRMED\",\"paymentStatus\":\"PAID\"")
                .contains("\"attempt\":2")
                .contains("\"status\":\"SHIPPED\"")
                .contains("\"status\":\"CANCELLED\"")
                .as("a checkout retried with its key and client secret is replayed")
                .containsIgnoringCase("Idempotent-Replayed: true")
                .doesNotContain("rate-limited")
                .doesNotContain("Traceback");
    }
}
