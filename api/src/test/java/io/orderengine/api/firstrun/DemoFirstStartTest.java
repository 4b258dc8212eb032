package io.orderengine.api.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A newcomer's first start in demo mode: a quiet log, and tokens that outlive a restart. */
@ExtendWith(OutputCaptureExtension.class)
class DemoFirstStartTest {

    @TempDir
    Path folder;

    @Test
    void aFreshDemoEngineLogsNoWarningSaysItIsInDemoModeAndOneLinePerProcessor(CapturedOutput output) {
        String startUp;
        try (RunningEngine engine = RunningEngine.start(ApiWalkthroughTest.demoEngine(folder))) {
            // the first commands (the demo catalogue) and requests have run: Axon's monitors are all registered
            assertThat(engine.client().get("/api/v1/skus", null).status()).isEqualTo(200);
            startUp = output.getAll();
        }
        List<String> lines = Arrays.asList(startUp.split("\n"));
        assertThat(lines.stream().filter(line -> line.contains(" WARN ")))
                .as("warnings on a clean store")
                .isEmpty();
        assertThat(lines.stream().filter(line -> line.contains(" INFO ") && line.contains("DEMO MODE")))
                .as("the demo mode is said, with what it means")
                .singleElement()
                .asString()
                .contains("Not for production");
        assertThat(lines.stream().filter(line -> line.contains("claimed the token for segment")))
                .as("no line per segment")
                .isEmpty();
        assertThat(lines.stream().filter(line -> line.contains("Starting PooledStreamingEventProcessor [sku-stock]")))
                .as("one line per processor")
                .hasSize(1);
    }

    @Test
    void aDemoTokenStaysValidAfterARestartOnTheSameData() throws Exception {
        Map<String, Object> properties = TestStore.fresh(folder);
        String token;
        try (RunningEngine engine = RunningEngine.start(properties)) {
            token = engine.client().token("alice", "CUSTOMER");
            assertThat(engine.client().get("/api/v1/orders", token).status()).isEqualTo(200);
        }
        Path key = folder.resolve("demo-signing-key");
        assertThat(key).exists();
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
        byte[] kept = Files.readAllBytes(key);

        try (RunningEngine restarted = RunningEngine.start(properties)) {
            assertThat(restarted.client().get("/api/v1/orders", token).status())
                    .as("a token issued before the restart")
                    .isEqualTo(200);
            assertThat(restarted.client().get("/api/v1/orders", token + "x").status())
                    .as("a forged one still is not")
                    .isEqualTo(401);
        }
        assertThat(Files.readAllBytes(key)).as("the key is read, not replaced").isEqualTo(kept);
    }
}
