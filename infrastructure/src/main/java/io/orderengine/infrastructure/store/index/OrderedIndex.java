package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.h2.mvstore.MVMap;

/**
 * A secondary (or unique) index of the embedded store, kept in its own MVStore map next to the collection it
 * indexes, so it is written, committed and reopened with the documents. Each entry is one key of one document: the
 * {@linkplain KeyEncoding order-preserving encoding} of the document's values for the index's fields (inverted for
 * descending fields), followed by the encoding of the document's position (its {@code _id}); the entry's value is
 * the position. The entries are therefore sorted exactly as the index is declared, and every query shape the
 * {@link QueryPlanner} derives (equality, {@code $in}, ranges, compound prefixes, sorted walks) is a set of key ranges.
 * <p>
 * A document whose indexed field holds an array has one entry per element (a multikey index, as in MongoDB). A
 * sparse index leaves out documents that have none of its fields; a non-sparse one indexes a missing field as null.
 * A unique index refuses a second document with the same key, with MongoDB's duplicate key error (code 11000,
 * naming the index). The collection rechecks every document it gets from here against the whole query, so the
 * index may return more than the query matches but never less.
 * <p>
 * A document's keys are computed by {@link DocumentKeys}, the entries are read by {@link EntryScans}, and a build
 * from the documents writes them through an {@link IndexBuild}.
 */
final class OrderedIndex extends Index<Object> {

    private final boolean unique;
    private final MVMap<String, Object> entries;
    private final IndexCatalog catalog;
    private final String idField;
    private final String definition;
    private volatile int irregularParts;
    private volatile boolean needsBuild;
    private final DocumentKeys documentKeys = new DocumentKeys(this);
    private final EntryScans scans;

    OrderedIndex(
            String name,
            List<IndexKey> keys,
            boolean sparse,
            boolean unique,
            MVMap<String, Object> entries,
            IndexCatalog catalog,
            String idField,
            boolean needsBuild) {
        super(name, keys, sparse);
        this.unique = unique;
        this.entries = entries;
        this.scans = new EntryScans(entries);
        this.catalog = catalog;
        this.idField = idField;
        this.definition = definition(keys, sparse, unique);
        this.irregularParts = needsBuild ? 0 : catalog.irregularParts(entries.getName());
        this.needsBuild = needsBuild;
    }

    /** What the catalog remembers an index map was built for. */
    static String definition(List<IndexKey> keys, boolean sparse, boolean unique) {
        return "format=" + IndexCatalog.FORMAT + ";unique=" + unique + ";sparse=" + sparse + ";keys="
                + keys.stream()
                        .map(key -> key.getKey() + ":" + (key.isAscending() ? 1 : -1))
                        .collect(Collectors.joining(","));
    }

    String mapName() {
        return entries.getName();
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    boolean sparse() {
        return isSparse();
    }

    List<IndexKey> indexKeys() {
        return getKeys();
    }

    /**
     * The key parts that ever held an array or a sub-document (bit i for part i). Such a part may have several
     * entries per document and is not ordered the way a query sorts, so the planner neither sorts by this index nor
     * combines bounds across such parts.
     */
    int irregularParts() {
        return irregularParts;
    }

    boolean multikey() {
        return irregularParts != 0;
    }

    boolean needsBuild() {
        return needsBuild;
    }

    // ------------------------------------------------------------------------------------------------------ keys

    /** Notes key parts that held an array or a sub-document (see {@link #irregularParts()}). */
    void noteIrregular(int parts) {
        if ((irregularParts | parts) != irregularParts) {
            synchronized (this) {
                irregularParts |= parts;
                catalog.recordIrregularParts(mapName(), irregularParts);
            }
        }
    }

    private Object positionOf(Document document) {
        return Utils.getSubdocumentValue(document, idField);
    }

    static String positionKey(Object position) {
        return KeyEncoding.encode(position);
    }

    // ------------------------------------------------------------------------------------------------- writes

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        List<String> keys = documentKeys.keysOf(document);
        if (unique) {
            for (String key : keys) {
                if (scans.firstPositionWithKey(key, null) != null) {
                    throw duplicate(document, collection);
                }
            }
        }
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        List<String> keys = documentKeys.keysOf(document);
        String positionKey = positionKey(position);
        if (unique) {
            for (String key : keys) {
                if (scans.firstPositionWithKey(key, positionKey) != null) {
                    throw duplicate(document, collection);
                }
            }
        }
        for (String key : keys) {
            entries.put(key + positionKey, position);
        }
        documentKeys.forget();
    }

    /** Collects the entries of this index while it is built from the documents (see {@link IndexBuild}). */
    IndexBuild build() {
        return new IndexBuild(documentKeys, entries, unique);
    }

    /** The duplicate key error a unique index reports for {@code document}. */
    DuplicateKeyError duplicateOf(Document document, MongoCollection<Object> collection) {
        return duplicate(document, collection);
    }

    @Override
    public Object remove(Document document) {
        documentKeys.forget();
        List<String> keys = documentKeys.compute(document);
        if (keys.isEmpty()) {
            return null;
        }
        Object position = positionOf(document);
        String positionKey = positionKey(position);
        for (String key : keys) {
            entries.remove(key + positionKey);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        if (!unique) {
            documentKeys.keysOf(newDocument);
            return;
        }
        String positionKey = positionKey(positionOf(oldDocument));
        for (String key : documentKeys.keysOf(newDocument)) {
            if (scans.firstPositionWithKey(key, positionKey) != null) {
                throw duplicate(newDocument, collection);
            }
        }
    }

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection)
            throws KeyConstraintError {
        List<String> before = documentKeys.keysOf(oldDocument);
        List<String> after = documentKeys.keysOf(newDocument);
        if (before.equals(after)) {
            documentKeys.forget();
            return;
        }
        String positionKey = positionKey(position);
        for (String key : before) {
            if (!after.contains(key)) {
                entries.remove(key + positionKey);
            }
        }
        for (String key : after) {
            if (!before.contains(key)) {
                entries.put(key + positionKey, position);
            }
        }
        documentKeys.forget();
    }

    private DuplicateKeyError duplicate(Document document, MongoCollection<Object> collection) {
        List<Object> values = new ArrayList<>();
        for (IndexKey key : getKeys()) {
            Object value = DocumentKeys.valueOf(document, key.getKey());
            values.add(value instanceof Missing ? null : value);
        }
        return new DuplicateKeyError(this, collection, getKeys(), new KeyValue(values));
    }

    // ------------------------------------------------------------------------------------------------- builds

    /** Empties the map before a build from the documents. */
    void startBuild() {
        documentKeys.forget();
        entries.clear();
        catalog.forget(mapName());
        irregularParts = 0;
        needsBuild = true;
    }

    /** The map now holds every document's entries: recorded so the next open can trust it. */
    void finishBuild() {
        catalog.markComplete(mapName(), definition);
        catalog.recordIrregularParts(mapName(), irregularParts);
        needsBuild = false;
    }

    // -------------------------------------------------------------------------------------------------- reads

    /** The positions in the key range [from, to) (null: open), in key order or reversed. */
    Iterator<Object> positions(KeyRange range, boolean reverse) {
        return scans.positions(range, reverse);
    }

    /** How many entries the ranges hold, counting no further than {@code cap}. */
    long count(List<KeyRange> ranges, long cap) {
        return scans.count(ranges, cap);
    }

    @Override
    public boolean canHandle(Document query) {
        return QueryPlanner.planFor(this, Conjuncts.of(query), null) != null;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Plan.IndexScan scan = QueryPlanner.planFor(this, Conjuncts.of(query), null);
        if (scan == null) {
            throw new UnsupportedOperationException("index " + getName() + " cannot serve " + query);
        }
        return scan.collectPositions();
    }

    /** For a unique index, the position of the document holding {@code document}'s key; null otherwise. */
    @Override
    public Object getPosition(Document document) {
        if (!unique) {
            return null;
        }
        for (String key : documentKeys.keysOf(document)) {
            Object position = scans.firstPosition(key);
            if (position != null) {
                return position;
            }
        }
        return null;
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    /** Never asks the collection to fill it entry by entry: it is built from the documents in one pass instead. */
    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        // the database removes the map
    }

    @Override
    public String toString() {
        return "OrderedIndex[" + getName() + " " + definition + "]";
    }
}
