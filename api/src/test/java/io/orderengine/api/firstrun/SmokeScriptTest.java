package io.orderengine.api.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's contract smoke ({@code scripts/smoke}) passes against a demo engine, and a newcomer trying the
 * README, {@code docs/api.md} and the smoke twice in a row from one address meets no 429 (demo rate limits).
 */
class SmokeScriptTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;

    @BeforeAll
    static void startADemoEngine() {
        engine = RunningEngine.start(ApiWalkthroughTest.demoEngine(folder));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + engine.port();
    }

    private static RepositoryScripts.Run smoke() {
        return RepositoryScripts.program(List.of("python3", "scripts/smoke", base()), 120);
    }

    @Test
    void theContractSmokeInTheRepositoryPassesAgainstADemoEngine() {
        RepositoryScripts.Run run = smoke();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("ok  order CONFIRMED / PAID")
                .contains("contract smoke passed for order ORD-");
    }

    @Test
    void theReadmeTheWalkthroughAndTheSmokeRunTwiceInARowWithoutA429() {
        String readme = RepositoryScripts.bashBlocks(
                        RepositoryScripts.read("README.md"), heading -> heading.equals("Trying it"))
                .get(0)
                .replace("localhost:8080", "127.0.0.1:" + engine.port());
        String walkthrough = ApiWalkthroughTest.walkthrough(engine.port());
        for (int round = 1; round <= 2; round++) {
            RepositoryScripts.Run tried = RepositoryScripts.bash(readme, 60);
            assertThat(tried.exitCode()).as(tried.output()).isZero();
            assertThat(tried.output()).as("round %d: README", round).contains("\"guestToken\"");
            RepositoryScripts.Run walked = RepositoryScripts.bash(walkthrough, 240);
            assertThat(walked.exitCode()).as(walked.output()).isZero();
            assertThat(walked.output()).as("round %d: docs/api.md", round).contains("\"status\":\"CANCELLED\"");
            RepositoryScripts.Run smoked = smoke();
            assertThat(smoked.exitCode()).as(smoked.output()).isZero();
            assertThat(tried.output() + walked.output() + smoked.output())
                    .as("round %d meets no rate limit", round)
                    .doesNotContain("rate-limited")
                    .doesNotContain("\"status\":429");
        }
    }
}
