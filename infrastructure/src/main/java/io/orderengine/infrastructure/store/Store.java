package io.orderengine.infrastructure.store;

import com.mongodb.ConnectionString;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store the engine runs on: a real MongoDB ({@code MONGODB_URI}) or the embedded one it started itself. */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);

    private final String connectionString;
    private final EmbeddedMongoStore embedded;

    private Store(String connectionString, EmbeddedMongoStore embedded) {
        this.connectionString = connectionString;
        this.embedded = embedded;
    }

    public static Store open(StoreProperties properties) {
        if (properties.embedded()) {
            EmbeddedMongoStore embedded = EmbeddedMongoStore.start(
                    Path.of(properties.embeddedPath()), properties.embeddedBindAddress(), properties.embeddedPort());
            return new Store(embedded.connectionString(), embedded);
        }
        ConnectionString uri = new ConnectionString(properties.uri());
        log.info("Store: MongoDB at {} (database '{}')", uri.getHosts(), properties.database());
        return new Store(properties.uri(), null);
    }

    public String connectionString() {
        return connectionString;
    }

    public Optional<EmbeddedMongoStore> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** "embedded" or "mongodb", for logs and health details. */
    public String kind() {
        return embedded == null ? "mongodb" : "embedded";
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
