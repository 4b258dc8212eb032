package io.orderengine.testkit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A MongoDB for store tests: the embedded server on the backend the test gives, or, when {@code MONGODB_URI} is set,
 * that MongoDB with a database of the test's own (dropped on close). Command listeners see every command the
 * engine sends (used to hold commits back).
 */
public final class TestMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    private final String databaseName =
            "eventstore_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private TestMongo(MongoServer server, MongoClient client) {
        this.server = server;
        this.client = client;
    }

    /**
     * On the embedded server with {@code backend} (the engine's store tests pass the engine's own backend, so they
     * test what the engine runs), or on {@code MONGODB_URI} when it is set.
     */
    public static TestMongo start(Supplier<? extends MongoBackend> backend, CommandListener... listeners) {
        String uri = System.getenv("MONGODB_URI");
        MongoServer server = null;
        if (uri == null || uri.isBlank()) {
            server = new MongoServer(backend.get());
            server.bind("127.0.0.1", 0);
            uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        }
        MongoClientSettings.Builder settings =
                MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri));
        for (CommandListener listener : listeners) {
            settings.addCommandListener(listener);
        }
        return new TestMongo(server, MongoClients.create(settings.build()));
    }

    public MongoDatabase database() {
        return client.getDatabase(databaseName);
    }

    public MongoDatabase database(String suffix) {
        return client.getDatabase(databaseName + "_" + suffix);
    }

    @Override
    public void close() {
        if (server == null) {
            client.getDatabase(databaseName).drop();
        }
        client.close();
        if (server != null) {
            server.shutdownNow();
        }
    }
}
