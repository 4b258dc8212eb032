package io.orderengine.testkit;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Store settings for integration tests: the embedded store on a file in the test's temporary folder, or, when
 * {@code MONGODB_URI} is set, that MongoDB with a database of the test's own.
 */
public final class TestStore {

    private TestStore() {}

    public static boolean realMongo() {
        String uri = System.getenv("MONGODB_URI");
        return uri != null && !uri.isBlank();
    }

    /** Properties that put one engine on a fresh store; call once per store and reuse for restarts. */
    public static Map<String, Object> fresh(Path folder) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("engine.store.embedded-path", folder.resolve("engine.mv").toString());
        properties.put(
                "engine.store.database",
                "engine_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        properties.put("engine.demo.seed-skus", "false");
        properties.put("engine.rate-limit.enabled", "false");
        properties.put("server.port", "0");
        return properties;
    }
}
