package io.orderengine.api.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: mongo-java-server speaking the MongoDB wire protocol on loopback, backed by an H2 MVStore
 * file. The MVStore only flushes in the background, so the server commits after every write command before it
 * answers (see {@link DurableH2Backend}), whichever engine instance sent it: an order any instance answered 201
 * for survives a crash. With a fixed {@code engine.store.embedded-port} other instances share this store through
 * {@code MONGODB_URI} (local trials of a cluster; see docs/scaling.md).
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);

    private final Path file;
    private final H2Backend backend;
    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongoStore(Path file, H2Backend backend, MongoServer server, String connectionString) {
        this.file = file;
        this.backend = backend;
        this.server = server;
        this.connectionString = connectionString;
    }

    public static EmbeddedMongoStore start(Path file, String bindAddress, int port) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the embedded store " + file, e);
        }
        H2Backend backend = new DurableH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind(bindAddress, port);
        String connection = "mongodb://" + server.getLocalAddress().getHostString() + ":" + server.getLocalAddress().getPort();
        log.info("Store: EMBEDDED mongo-java-server on {} (H2 file {}). Set MONGODB_URI to use a real MongoDB.",
                connection, file.toAbsolutePath());
        return new EmbeddedMongoStore(file, backend, server, connection);
    }

    public String connectionString() {
        return connectionString;
    }

    public Path file() {
        return file;
    }

    /** Writes everything acknowledged so far to the file. */
    public void commit() {
        backend.commit();
    }

    @Override
    public void close() {
        log.info("Closing the embedded store {}", file.toAbsolutePath());
        server.shutdownNow();
        backend.close();
    }
}
