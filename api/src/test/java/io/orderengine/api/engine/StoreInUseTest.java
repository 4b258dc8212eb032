package io.orderengine.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A second engine started on a data folder an engine already has open does not start, and says why and what to do
 * in words: no stack trace, the running engine unharmed.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoreInUseTest {

    @TempDir
    Path folder;

    @Test
    void aSecondEngineOnTheSameDataFolderSaysTheStoreIsInUseWithoutAStackTrace(CapturedOutput output) {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.store.uri", ""); // the embedded store even when MONGODB_URI is set
        try (RunningEngine first = RunningEngine.start(properties)) {
            int before = output.length();

            assertThatThrownBy(() -> RunningEngine.start(properties).close()).isNotNull();

            String report = output.toString().substring(before);
            assertThat(report)
                    .contains("APPLICATION FAILED TO START")
                    .contains("The embedded store "
                            + folder.resolve("engine.mv").toAbsolutePath() + " is locked by another process")
                    .contains("engine.store.embedded-path");
            assertThat(report.lines().filter(line -> line.strip().startsWith("at ")))
                    .as("no stack trace")
                    .isEmpty();
            assertThat(first.client().get("/actuator/health/readiness", null).status())
                    .as("the running engine is unharmed")
                    .isEqualTo(200);
        }
    }
}
