package io.orderengine.infrastructure.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: mongo-java-server speaking the MongoDB wire protocol on loopback, backed by an H2 MVStore
 * file. The MVStore only flushes in the background, so the server commits after every write command before it
 * answers (see {@link DurableH2Backend}), whichever engine instance sent it: an order any instance answered 201
 * for survives a crash. With a fixed {@code engine.store.embedded-port} other instances share this store through
 * {@code MONGODB_URI} (local trials of a cluster; see docs/scaling.md).
 * <p>
 * The wire server runs at least {@value #WORKER_THREADS} worker threads (netty's default is two per core): a write holds
 * its worker until the group commit covering it is done, and more writes in flight make larger groups.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);
    static final int WORKER_THREADS = 16;

    private final Path file;
    private final DurableH2Backend backend;
    private final MongoServer server;
    private final String connectionString;
    private final QuietCompaction compaction;

    private EmbeddedMongoStore(Path file, DurableH2Backend backend, MongoServer server, String connectionString) {
        this.file = file;
        this.backend = backend;
        this.server = server;
        this.connectionString = connectionString;
        this.compaction = QuietCompaction.start(backend.getMvStore(), backend::writes, QuietCompaction.INTERVAL);
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
        DurableH2Backend backend;
        try {
            backend = new DurableH2Backend(file.toString());
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreInUseException(file, e);
            }
            throw e;
        }
        // before the server accepts a connection: a compaction holds the store's lock while it runs
        StoreCompaction.compactIfSparse(backend.getMvStore());
        MongoServer server = new MongoServer(backend);
        server.bind(
                new InetSocketAddress(bindAddress, port),
                0,
                Math.max(WORKER_THREADS, 2 * Runtime.getRuntime().availableProcessors()));
        String connection = "mongodb://" + server.getLocalAddress().getHostString() + ":"
                + server.getLocalAddress().getPort();
        log.info(
                "Store: EMBEDDED mongo-java-server on {} (H2 file {}). Set MONGODB_URI to use a real MongoDB.",
                connection,
                file.toAbsolutePath());
        return new EmbeddedMongoStore(file, backend, server, connection);
    }

    public String connectionString() {
        return connectionString;
    }

    public Path file() {
        return file;
    }

    /** Write commands the server has answered (each after a commit that covers it, positions when applied). */
    public long acknowledgedWrites() {
        return backend.writes();
    }

    /** MVStore commits made to acknowledge them: fewer than the writes when writers overlap (group commit). */
    public long groupCommits() {
        return backend.commits();
    }

    /** Documents the store read to answer queries on a collection (for tests and diagnostics). */
    public long examinedDocuments(String database, String collection) {
        return backend.examinedDocuments(database, collection);
    }

    /** Indexes the store built from their documents since it started (declared, or found missing or stale on open). */
    public long indexBuilds() {
        return backend.indexBuilds();
    }

    /** The compaction in quiet moments (for tests: {@link QuietCompaction#look()}). */
    QuietCompaction quietCompaction() {
        return compaction;
    }

    /** The MVStore under the server (for tests). */
    MVStore mvStore() {
        return backend.getMvStore();
    }

    /** Writes everything acknowledged so far to the file. */
    public void commit() {
        backend.commit();
    }

    @Override
    public void close() {
        log.info("Closing the embedded store {}", file.toAbsolutePath());
        compaction.close();
        server.shutdownNow();
        backend.close();
    }
}
