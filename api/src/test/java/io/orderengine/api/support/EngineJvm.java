package io.orderengine.api.support;

import static org.awaitility.Awaitility.await;

import io.orderengine.OrderEngineApplication;
import io.orderengine.testkit.EngineClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine's application in a JVM of its own, started from the test class path, so a test can end it as the
 * operating system would ({@link #kill()} is SIGKILL: no shutdown hook, no flush, no release of token claims) and
 * start another on the same store. Its output goes to a log file. The child never inherits the test's
 * {@code MONGODB_URI}: its store is what its arguments and {@code environment} say.
 */
public final class EngineJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;

    private EngineJvm(String name, Process process, int httpPort, Path log) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts the engine on a free HTTP port with {@code arguments} (Spring's {@code --key=value}) and {@code
     * environment} added to the test JVM's; {@code name} names it in failures.
     */
    public static EngineJvm start(String name, List<String> arguments, Map<String, String> environment, Path log) {
        int httpPort = freePort();
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
                OrderEngineApplication.class.getName(),
                "--server.port=" + httpPort,
                "--engine.rate-limit.enabled=false",
                "--engine.demo.seed-skus=false",
                "--spring.main.banner-mode=off"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("MONGODB_URI");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().putAll(environment);
        try {
            return new EngineJvm(name, builder.start(), httpPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Waits until the engine answers readiness (its store is up, the application has started, its processors are not
     * behind); fails at once, naming the log, if the process exits meanwhile.
     */
    public EngineJvm awaitReady(Duration atMost) {
        EngineClient client = client();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return client.get("/actuator/health/readiness", null).status() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
        return this;
    }

    public EngineClient client() {
        return new EngineClient(httpPort);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (the engine shuts down gracefully), SIGKILL if it is still running a minute later. */
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

    /** A TCP port free on this machine now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs tests from a manifest-only jar; the real test class path is in surefire.test.class.path. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
