package io.orderengine.bench;

import com.mongodb.client.MongoDatabase;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.InProcessEngine;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One engine booted in this JVM (the whole application, as {@code java -jar} would run it) on a fresh store, driven
 * over HTTP with testkit's {@link EngineClient}. In process rather than as a child process because scenarios 3, 4 and
 * 6 reach into the engine (event storage, processors, gateways, database). The application class is loaded by name
 * (testkit's {@link InProcessEngine}), so the bench compiles without the api module; the api is on its class path at
 * run time only.
 */
final class BenchEngine implements AutoCloseable {

    private static final String APPLICATION = "io.orderengine.OrderEngineApplication";

    private final InProcessEngine engine;
    private final Path folder;
    private final EngineClient client;
    private final boolean realMongo;
    private final String eventStore;

    private BenchEngine(InProcessEngine engine, Path folder, boolean realMongo, String eventStore) {
        this.engine = engine;
        this.folder = folder;
        this.realMongo = realMongo;
        this.eventStore = eventStore;
        // HTTP/1.1 (no upgrade attempt per connection) and a long time-out for requests queued behind a loaded engine
        this.client = new EngineClient(engine.port(), Duration.ofSeconds(60), HttpClient.Version.HTTP_1_1);
    }

    /**
     * Boots the engine on a fresh embedded store in {@code folder}, or on a fresh database of {@code mongoUri}, with
     * the event storage engine {@code eventStore} ({@code global-sequence} or {@code stock}) and any further
     * application properties in {@code extra}.
     */
    static BenchEngine start(Path folder, String mongoUri, String eventStore, Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("engine.store.embedded-path", folder.resolve("engine.mv").toString());
        properties.put(
                "engine.store.database",
                "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        properties.put("engine.store.uri", mongoUri == null ? "" : mongoUri);
        properties.put("engine.demo.seed-skus", "false");
        properties.put("engine.rate-limit.enabled", "false");
        // a command-line argument, so it wins over application.yml's server.port (8080)
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.io.orderengine", "WARN");
        properties.put("spring.main.banner-mode", "off");
        properties.put("engine.event-store.engine", eventStore);
        properties.putAll(extra);
        return new BenchEngine(InProcessEngine.start(APPLICATION, properties), folder, mongoUri != null, eventStore);
    }

    /** The HTTP client for this engine (one per engine, shared by the workers). */
    EngineClient client() {
        return client;
    }

    <T> T bean(Class<T> type) {
        return engine.bean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return engine.bean(name, type);
    }

    MongoDatabase database() {
        return engine.bean(MongoDatabase.class);
    }

    /** Registers {@code sku} and receives {@code stock} units of it; fails the run if the engine refuses either. */
    void registerSku(String admin, String sku, long priceMinor, int stock) {
        EngineClient.Reply reply = client.registerSku(admin, sku, priceMinor, stock);
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException("SKU " + sku + " not registered or stocked: " + reply);
        }
    }

    String storeKind() {
        return (realMongo ? "mongodb" : "embedded") + ", " + eventStore;
    }

    /** The event storage engine this engine runs on: {@code global-sequence} or {@code stock}. */
    String eventStore() {
        return eventStore;
    }

    /** The collection that holds the events of this engine's event store. */
    String eventCollection() {
        return "stock".equals(eventStore) ? "domainevents" : "events";
    }

    /** The engine's HTTP port (loopback). */
    int port() {
        return engine.port();
    }

    /** Stops the engine and deletes its store (an embedded store of a 1,000-order burst is about 800 MB). */
    @Override
    public void close() {
        try {
            if (realMongo) {
                database().drop();
            }
            engine.close();
        } finally {
            BenchMain.delete(folder);
        }
    }
}
