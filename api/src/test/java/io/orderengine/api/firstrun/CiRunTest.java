package io.orderengine.api.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code .ci/run} runs exactly README's test command and then prints the time of each module. */
class CiRunTest {

    private static final String SUMMARY = String.join(
            "\n",
            "[INFO] Tests run: 12, Failures: 0, Errors: 0, Skipped: 0",
            "[INFO] Reactor Summary for Order engine 0.1.0-SNAPSHOT:",
            "[INFO] ",
            "[INFO] Order engine messages .............................. SUCCESS [ 14.602 s]",
            "[INFO] Order engine API (Spring Boot application) ......... FAILURE [04:00 min]",
            "[INFO] Order engine bench ................................. SKIPPED",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] BUILD FAILURE",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] Total time:  04:15 min",
            "");

    @Test
    void runsReadmesTestCommandAsItIs() {
        assertThat(RepositoryScripts.read("README.md")).contains("```bash\nmvn -B verify\n```");
        List<String> maven = RepositoryScripts.read(".ci/run")
                .lines()
                .filter(line -> line.startsWith("mvn "))
                .toList();
        assertThat(maven).containsExactly("mvn -B verify 2>&1 | tee \"$log\"");
        assertThat(RepositoryScripts.read(".ci/run")).contains(".ci/module-times < \"$log\"", "exit \"$status\"");
    }

    @Test
    void printsTheTimeOfEachModuleFromMavensReactorSummary() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "bash",
                        RepositoryScripts.root().resolve(".ci/module-times").toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().write(SUMMARY.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().map(String::strip).toList())
                .containsExactly(
                        "Per-module time:",
                        "Order engine messages                         SUCCESS  14.602 s",
                        "Order engine API (Spring Boot application)    FAILURE  04:00 min",
                        "Order engine bench                            SKIPPED",
                        "total                                                  04:15 min");
    }
}
