package io.orderengine.api.cluster;

import io.orderengine.api.support.EngineJvm;
import io.orderengine.testkit.EngineClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A second engine instance in a JVM of its own ({@link EngineJvm}), on a store another instance serves: its
 * connection string is given as {@code MONGODB_URI}, as an operator would start it. {@link #kill()} ends it the way
 * {@code kill -9} does.
 */
final class ChildEngine implements AutoCloseable {

    /** The privacy master key both instances share (each would otherwise generate its own in its data folder). */
    static final String MASTER_KEY = "Y2x1c3Rlci10ZXN0LW1hc3Rlci1rZXktMzItYnl0ZXM=";

    private final EngineJvm jvm;

    private ChildEngine(EngineJvm jvm) {
        this.jvm = jvm;
    }

    /**
     * Starts an instance with {@code engine.cluster.enabled=true}; {@code balanceSegments} is passed as the explicit
     * {@code engine.cluster.balance-segments} override.
     */
    static ChildEngine start(String storeUri, String database, boolean balanceSegments, Path log) {
        return new ChildEngine(EngineJvm.start(
                "engine B",
                List.of(
                        "--engine.store.database=" + database,
                        "--engine.cluster.enabled=true",
                        "--engine.cluster.balance-segments=" + balanceSegments,
                        "--engine.privacy.master-key=" + MASTER_KEY),
                Map.of("MONGODB_URI", storeUri),
                log));
    }

    void awaitReady(Duration atMost) {
        jvm.awaitReady(atMost);
    }

    EngineClient client() {
        return jvm.client();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGKILL (no shutdown hook, no release of its token claims or heartbeat), and waits until the process is gone. */
    void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
