package io.orderengine.api.cluster;

import io.orderengine.api.support.EngineJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The second engine instance, in a JVM of its own ({@link EngineJvm}), on a store another instance serves: its
 * connection string is given as {@code MONGODB_URI}, as an operator would start it.
 */
final class ChildEngine {

    /** The privacy master key both instances share (each would otherwise generate its own in its data folder). */
    static final String MASTER_KEY = "Y2x1c3Rlci10ZXN0LW1hc3Rlci1rZXktMzItYnl0ZXM=";

    private ChildEngine() {}

    /**
     * Starts an instance with {@code engine.cluster.enabled=true}; {@code balanceSegments} is passed as the explicit
     * {@code engine.cluster.balance-segments} override.
     */
    static EngineJvm start(String storeUri, String database, boolean balanceSegments, Path log) {
        return EngineJvm.start(
                "engine B",
                List.of(
                        "--engine.store.database=" + database,
                        "--engine.cluster.enabled=true",
                        "--engine.cluster.balance-segments=" + balanceSegments,
                        "--engine.privacy.master-key=" + MASTER_KEY),
                Map.of("MONGODB_URI", storeUri),
                log);
    }
}
