package io.orderengine.api.reliability.crash;

import static org.awaitility.Awaitility.await;

import io.orderengine.testkit.EngineClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine in a JVM of its own, on the embedded store in {@code storeFile}, so a test can kill it as the
 * operating system would ({@link #kill()} is SIGKILL: no shutdown hook, no flush) and start it again on the same file.
 * Always the embedded store: {@code MONGODB_URI} is removed from the child's environment.
 */
final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final int storePort;
    private final Path log;

    private EngineProcess(Process process, int httpPort, int storePort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.storePort = storePort;
        this.log = log;
    }

    static EngineProcess start(Path storeFile, Path log) {
        int httpPort = freePort();
        int storePort = freePort();
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
                "--engine.store.embedded-path=" + storeFile,
                "--engine.store.embedded-port=" + storePort,
                "--engine.store.database=crash",
                "--engine.rate-limit.enabled=false",
                "--engine.demo.seed-skus=false",
                // one payment attempt: a decline cancels the order, as CheckoutCrashTest expects
                "--engine.payments.max-attempts=1",
                "--spring.main.banner-mode=off"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("MONGODB_URI");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        try {
            return new EngineProcess(builder.start(), httpPort, storePort, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the engine process", e);
        }
    }

    /** Waits until the engine answers readiness (its store is up, the application has started, its processors are not behind). */
    EngineProcess awaitReady(Duration atMost) {
        EngineClient client = client();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the engine process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return client.get("/actuator/health/readiness", null).status() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
        return this;
    }

    EngineClient client() {
        return new EngineClient(httpPort);
    }

    /** The MongoDB connection string of the embedded store the engine serves. */
    String storeUri() {
        return "mongodb://127.0.0.1:" + storePort;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private void waitFor() {
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Surefire runs tests from a manifest-only jar; the real test class path is in surefire.test.class.path. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
