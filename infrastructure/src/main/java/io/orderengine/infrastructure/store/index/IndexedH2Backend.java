package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with secondary indexes: every index a client declares (secondary, unique, sparse,
 * compound, ascending or descending) is kept in an MVStore map of the same file as the documents and serves queries
 * (see {@link QueryPlanner} for the shapes), instead of being ignored with a "not yet implemented" warning.
 * <p>
 * The index maps are committed with the documents; a clean {@link #close()} records that they match the documents,
 * so the next open uses them as they are. After a crash, or a close by a backend without this record, they are
 * rebuilt from the documents on open (see {@link IndexCatalog}).
 * <p>
 * For tests and diagnostics it counts the documents each collection reads to answer queries and the index builds.
 */
public class IndexedH2Backend extends H2Backend {

    // Assigned lazily, not by initializers: H2Backend's constructor opens the stored databases (and so calls
    // openOrCreateDatabase) before this class's initializers would run, and they would then overwrite them.
    private IndexCatalog catalog;
    private Map<String, IndexedH2Database> databases;
    private LongAdder builds;

    /** A backend on the MVStore file {@code fileName} (created if missing). */
    public IndexedH2Backend(String fileName) {
        super(fileName);
    }

    /** A backend on an open MVStore. */
    public IndexedH2Backend(MVStore store) {
        super(store);
    }

    /** A backend on an in-memory MVStore (the store tests run the engine's backend on it). */
    public static IndexedH2Backend inMemory() {
        return new IndexedH2Backend(MVStore.open(null));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        IndexedH2Database database =
                new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry(), catalog(), builds());
        databases().put(databaseName, database);
        return database;
    }

    /**
     * Runs an aggregation that starts with a {@code $match} over the documents an index finds for it, when one
     * does (mongo-java-server hands every document of the collection to the pipeline); anything else as before.
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        if (!query.isEmpty()) {
            String command = query.keySet().iterator().next();
            IndexedH2Database database =
                    message.getDatabaseName() == null ? null : databases().get(message.getDatabaseName());
            if (command.equalsIgnoreCase("aggregate") && database != null) {
                Document answer = database.aggregateFromIndex(command, query, this::resolveDatabase, oplog);
                if (answer != null) {
                    return answer;
                }
            }
        }
        return super.handleMessage(message);
    }

    private synchronized IndexCatalog catalog() {
        if (catalog == null) {
            catalog = IndexCatalog.open(getMvStore());
        }
        return catalog;
    }

    private synchronized Map<String, IndexedH2Database> databases() {
        if (databases == null) {
            databases = new ConcurrentHashMap<>();
        }
        return databases;
    }

    private synchronized LongAdder builds() {
        if (builds == null) {
            builds = new LongAdder();
        }
        return builds;
    }

    /** Documents read to answer queries on a collection since it was opened (0 for an unknown collection). */
    public long examinedDocuments(String database, String collection) {
        IndexedH2Database db = databases().get(database);
        IndexedH2Collection found = db == null ? null : db.collection(collection);
        return found == null ? 0 : found.examinedDocuments();
    }

    /** Indexes built from the documents since this backend was created (on open or when declared). */
    public long indexBuilds() {
        return builds().sum();
    }

    @Override
    public void dropDatabase(String databaseName) {
        super.dropDatabase(databaseName);
        databases().remove(databaseName);
    }

    /** Records that the index maps match the documents, then closes the store (which commits that record). */
    @Override
    public void close() {
        if (!getMvStore().isClosed()) {
            catalog().recordCleanClose();
        }
        super.close();
    }
}
