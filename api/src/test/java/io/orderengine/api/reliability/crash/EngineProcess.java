package io.orderengine.api.reliability.crash;

import io.orderengine.api.support.EngineJvm;
import io.orderengine.testkit.EngineClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The engine in a JVM of its own ({@link EngineJvm}), on the embedded store in {@code storeFile}, so a test can kill
 * it as the operating system would ({@link #kill()} is SIGKILL: no shutdown hook, no flush) and start it again on the
 * same file. Always the embedded store, served on a port of its own ({@link #storeUri()}).
 */
final class EngineProcess implements AutoCloseable {

    private final EngineJvm jvm;
    private final int storePort;

    private EngineProcess(EngineJvm jvm, int storePort) {
        this.jvm = jvm;
        this.storePort = storePort;
    }

    static EngineProcess start(Path storeFile, Path log) {
        int storePort = EngineJvm.freePort();
        EngineJvm jvm = EngineJvm.start(
                "the engine process",
                List.of(
                        "--engine.store.embedded-path=" + storeFile,
                        "--engine.store.embedded-port=" + storePort,
                        "--engine.store.database=crash",
                        // one payment attempt: a decline cancels the order, as CheckoutCrashTest expects
                        "--engine.payments.max-attempts=1"),
                Map.of(),
                log);
        return new EngineProcess(jvm, storePort);
    }

    /** Waits until the engine answers readiness (its store is up, the application has started, its processors are not behind). */
    EngineProcess awaitReady(Duration atMost) {
        jvm.awaitReady(atMost);
        return this;
    }

    EngineClient client() {
        return jvm.client();
    }

    /** The MongoDB connection string of the embedded store the engine serves. */
    String storeUri() {
        return "mongodb://127.0.0.1:" + storePort;
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        jvm.close();
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
