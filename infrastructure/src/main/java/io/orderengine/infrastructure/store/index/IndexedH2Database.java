package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.EmptyCursor;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of the embedded store whose secondary and unique indexes are {@link OrderedIndex}es in MVStore maps
 * next to its collections, the primary key ({@code _id}) included (mongo-java-server's H2 backend ignores secondary
 * indexes, serves unique ones only for exact lookups, and compares its unique keys by Java-serializing them).
 * <p>
 * On open, an index whose map the {@link IndexCatalog} vouches for is used as it is; the others (new, missing,
 * written for another definition, or of a file that was not closed cleanly) are built from the documents, one pass
 * per collection for all of its indexes, before the server answers anyone. Index maps are named
 * {@code <database>.<collection>.$idx.<index>} ({@code $} appears in no database or collection name), removed with
 * their index, collection or database and renamed with their collection. Unique indexes written by the plain H2
 * backend ({@code ._index_<name>} maps, {@code _id} included) are replaced by ordered ones on the first open.
 * <p>
 * Aggregations that start with {@code $match} can get their first stage's documents from the collection's indexes
 * ({@link #aggregateFromIndex}; the server otherwise feeds every document to the pipeline); this is what
 * {@code countDocuments} sends, and its counting pipeline is answered from the index alone when the index covers
 * the match.
 */
final class IndexedH2Database extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Database.class);

    /** The H2 backend's map names for a collection's documents and metadata (H2Database keeps them private). */
    private static final String DATA_PREFIX = "databases.";

    private static final String META_PREFIX = "meta.";
    static final String INDEX_MARK = ".$idx.";

    private final MVStore store;
    private final IndexCatalog catalog;
    private final LongAdder builds;
    private final Map<String, IndexedH2Collection> collections = new ConcurrentHashMap<>();
    /** While the constructor opens the stored collections and indexes: index builds wait for one pass each. */
    private boolean opening;

    IndexedH2Database(
            String databaseName, MVStore store, CursorRegistry cursorRegistry, IndexCatalog catalog, LongAdder builds) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
        this.catalog = catalog;
        this.builds = builds;
        long start = System.nanoTime();
        long buildsBefore = builds.sum();
        opening = true;
        initializeNamespacesAndIndexes();
        opening = false;
        for (IndexedH2Collection collection : collections.values()) {
            collection.buildDeferredIndexes();
        }
        long built = builds.sum() - buildsBefore;
        long ordered = collections.values().stream()
                .flatMap(collection -> collection.getIndexes().stream())
                .filter(OrderedIndex.class::isInstance)
                .count();
        if (ordered > 0) {
            log.info(
                    "Store indexes of '{}': {} ready, {} of them built from the documents ({} ms)",
                    databaseName,
                    ordered,
                    built,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * H2Database's constructor calls this before this class has its fields; the constructor above calls it again
     * once it has them (and builds the indexes that need it afterwards, one pass per collection).
     */
    @Override
    protected void initializeNamespacesAndIndexes() {
        if (catalog == null) {
            return;
        }
        super.initializeNamespacesAndIndexes();
    }

    IndexedH2Collection collection(String collectionName) {
        return collections.get(collectionName);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> dataMap = store.openMap(
                DATA_PREFIX + fullName,
                new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(new BsonDocumentType()));
        MVMap<String, Object> metaMap = store.openMap(META_PREFIX + fullName);
        IndexedH2Collection collection =
                new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry, builds);
        if (opening) {
            collection.deferBuilds();
        }
        collections.put(collectionName, collection);
        return collection;
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return orderedIndex(collectionName, indexName, keys, sparse, false);
    }

    /** Unique indexes, the primary key ({@code _id}) included. */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return orderedIndex(collectionName, indexName, keys, sparse, true);
    }

    private Index<Object> orderedIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse, boolean unique) {
        String mapName = indexMapName(collectionName, indexName);
        boolean complete = catalog.isComplete(mapName, OrderedIndex.definition(keys, sparse, unique));
        MVMap<String, Object> entries = store.openMap(mapName);
        IndexedH2Collection collection = collections.get(collectionName);
        String idField = collection == null ? "_id" : collection.idField();
        if (unique) {
            String legacy = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            if (store.hasMap(legacy)) {
                removeMap(legacy);
            }
        }
        return new OrderedIndex(indexName, keys, sparse, unique, entries, catalog, idField, !complete);
    }

    /**
     * Removes a map through an opening with the default data type. {@code MVStore.removeMap(String)} opens a map that
     * is not open with a generic data type that cannot compare keys; the background writer compacting the file
     * at that moment rewrites that map, fails, and closes the store (seen opening a store of the previous layout).
     */
    private void removeMap(String mapName) {
        store.removeMap(store.openMap(mapName));
    }

    private String indexMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + INDEX_MARK + indexName;
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String mapName = indexMapName(collection.getCollectionName(), indexName);
        if (store.hasMap(mapName)) {
            removeMap(mapName);
        }
        catalog.forget(mapName);
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        collections.remove(collectionName);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldPrefix = collection.getFullName() + INDEX_MARK;
        String oldName = collection.getCollectionName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String newPrefix = getFullCollectionNamespace(newCollectionName) + INDEX_MARK;
        for (String mapName : new ArrayList<>(store.getMapNames())) {
            if (mapName.startsWith(oldPrefix)) {
                String renamed = newPrefix + mapName.substring(oldPrefix.length());
                store.renameMap(store.openMap(mapName), renamed);
                catalog.rename(mapName, renamed);
            }
        }
        if (oldDatabase instanceof IndexedH2Database old) {
            old.collections.remove(oldName);
        }
        if (collection instanceof IndexedH2Collection indexed) {
            collections.put(newCollectionName, indexed);
        }
    }

    /**
     * An aggregation whose first stage is a {@code $match} an index bounds: the pipeline (the {@code $match}
     * included, so nothing changes but the number of documents read) runs over the documents the index finds.
     * Null when the aggregation is not of that kind (the server then runs it over every document).
     */
    /**
     * The answer of a counting pipeline ({@code countDocuments}: {@code $match}, optionally {@code $skip} and
     * {@code $limit}, then {@code $group} by a constant with one {@code $sum: 1}) when an index covers the match;
     * null otherwise.
     */
    private static List<Document> countFromIndex(
            IndexedH2Collection collection, List<Document> pipeline, Document match) {
        if (pipeline.size() < 2) {
            return null;
        }
        long skip = 0;
        long limit = Long.MAX_VALUE;
        for (Document stage : pipeline.subList(1, pipeline.size() - 1)) {
            if (stage.get("$skip") instanceof Number n && stage.size() == 1) {
                skip += n.longValue();
            } else if (stage.get("$limit") instanceof Number n && stage.size() == 1) {
                limit = Math.min(limit, n.longValue());
            } else {
                return null;
            }
        }
        Document last = pipeline.get(pipeline.size() - 1);
        if (last.size() != 1
                || !(last.get("$group") instanceof Document group)
                || group.size() != 2
                || !group.containsKey("_id")
                || group.get("_id") instanceof Document
                || (group.get("_id") instanceof String id && id.startsWith("$"))) {
            return null;
        }
        String field = group.keySet().stream()
                .filter(key -> !key.equals("_id"))
                .findFirst()
                .orElseThrow();
        if (!(group.get(field) instanceof Document sum)
                || sum.size() != 1
                || !(sum.get("$sum") instanceof Number one)
                || one.doubleValue() != 1.0) {
            return null;
        }
        Long covered = collection.coveredCount(match);
        if (covered == null) {
            return null;
        }
        long count = Math.min(Math.max(0, covered - skip), limit);
        if (count == 0) {
            return List.of();
        }
        Object n = count <= Integer.MAX_VALUE ? Integer.valueOf((int) count) : Long.valueOf(count);
        return List.of(new Document("_id", group.get("_id")).append(field, n));
    }

    Document aggregateFromIndex(String command, Document query, DatabaseResolver databaseResolver, Oplog oplog) {
        if (!(query.get(command) instanceof String collectionName)
                || !(query.get("pipeline") instanceof List<?> stages)
                || stages.isEmpty()
                || !(stages.get(0) instanceof Document first)
                || first.size() != 1
                || !(first.get("$match") instanceof Document match)
                || stages.stream().anyMatch(stage -> stage instanceof Document d && d.containsKey("$changeStream"))) {
            return null;
        }
        if (!(resolveCollection(collectionName, false) instanceof IndexedH2Collection collection)) {
            return null;
        }
        List<Document> pipeline = Aggregation.parse(stages);
        Aggregation aggregation = Aggregation.fromPipeline(pipeline, databaseResolver, this, collection, oplog);
        aggregation.validate(query);
        List<Document> result = countFromIndex(collection, pipeline, match);
        if (result == null) {
            List<Document> matches = collection.indexedMatches(match);
            if (matches == null) {
                return null;
            }
            result = aggregation.runStages(matches.stream());
        }
        Document cursor = new Document("id", EmptyCursor.get().getId())
                .append("ns", getFullCollectionNamespace(collectionName))
                .append("firstBatch", result);
        Document response = new Document("cursor", cursor);
        Utils.markOkay(response);
        return response;
    }
}
