package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A store file another process (or store) has open is refused as in use, and explained in words at start-up. */
class EmbeddedStoreInUseTest {

    @TempDir
    Path folder;

    @Test
    void aSecondStoreOnAnOpenFileIsRefusedAsInUseAndTheFirstKeepsServing() {
        Path file = folder.resolve("engine.mv");
        try (EmbeddedMongoStore first = EmbeddedMongoStore.start(file, "127.0.0.1", 0)) {
            assertThatThrownBy(() -> EmbeddedMongoStore.start(file, "127.0.0.1", 0))
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessage("The embedded store " + file.toAbsolutePath() + " is open in another process");
            assertThat(first.connectionString()).startsWith("mongodb://127.0.0.1:");
        }
    }

    @Test
    void theFailureAnalysisSaysWhatIsInUseAndWhatToDo() {
        Path file = folder.resolve("engine.mv");
        FailureAnalysis analysis = new StoreInUseFailureAnalyzer()
                .analyze(new IllegalStateException("wrapped", new StoreInUseException(file, null)));

        assertThat(analysis.getDescription())
                .isEqualTo("The embedded store " + file.toAbsolutePath() + " is locked by another process: an engine "
                        + "is probably already running on this data folder.");
        assertThat(analysis.getAction()).contains("Stop the other engine", "engine.store.embedded-path", "MONGODB_URI");
    }
}
