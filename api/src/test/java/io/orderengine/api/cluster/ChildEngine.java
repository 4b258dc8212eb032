package io.orderengine.api.cluster;

import static org.awaitility.Awaitility.await;

import io.orderengine.testkit.EngineClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second engine instance in a JVM of its own, on a store another instance serves: its connection string is given
 * as {@code MONGODB_URI}, as an operator would start it. {@link #kill()} ends it the way {@code kill -9} does.
 */
final class ChildEngine implements AutoCloseable {

    /** The privacy master key both instances share (each would otherwise generate its own in its data folder). */
    static final String MASTER_KEY = "Y2x1c3Rlci10ZXN0LW1hc3Rlci1rZXktMzItYnl0ZXM=";

    private final Process process;
    private final int httpPort;
    private final Path log;

    private ChildEngine(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts an instance with {@code engine.cluster.enabled=true}; {@code balanceSegments} is passed as the explicit
     * {@code engine.cluster.balance-segments} override.
     */
    static ChildEngine start(String storeUri, String database, boolean balanceSegments, Path log) {
        int httpPort = TwoEngineInstancesTest.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                // a start to ready took 12.1 CPU-s with the serial collector against 14.4 with G1 (0.84x, four starts
                // each; docs/benchmarks.md "The test suite (session 18)"): a small heap needs no concurrent collector
                "-XX:+UseSerialGC",
                "-Daxoniq.update-checker.disabled=true",
                "-cp",
                classPath(),
                "io.orderengine.OrderEngineApplication",
                "--server.port=" + httpPort,
                "--engine.store.database=" + database,
                "--engine.rate-limit.enabled=false",
                "--engine.cluster.enabled=true",
                "--engine.cluster.balance-segments=" + balanceSegments,
                "--engine.demo.seed-skus=false",
                "--engine.privacy.master-key=" + MASTER_KEY,
                "--spring.main.banner-mode=off"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MONGODB_URI", storeUri);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        try {
            return new ChildEngine(builder.start(), httpPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the second engine", e);
        }
    }

    void awaitReady(Duration atMost) {
        EngineClient client = client();
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("engine B exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return client.get("/actuator/health/readiness", null).status() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
    }

    EngineClient client() {
        return new EngineClient(httpPort);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (no shutdown hook, no release of its token claims or heartbeat), and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in surefire.test.class.path. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
