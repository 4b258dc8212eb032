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
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.h2.mvstore.Cursor;
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
 */
final class OrderedIndex extends Index<Object> {

    private final boolean unique;
    private final MVMap<String, Object> entries;
    private final IndexCatalog catalog;
    private final String idField;
    private final String definition;
    private volatile int irregularParts;
    private volatile boolean needsBuild;
    /** The keys of the document written last (writes to a collection take turns). */
    private volatile KeysOf lastKeys;

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

    /**
     * The encoded keys of a document (without its position); empty when a sparse index leaves it out. A write asks
     * for the keys of a document twice in a row (check, then add), so the last answer is kept for that document.
     */
    List<String> keysOf(Document document) {
        KeysOf last = lastKeys;
        if (last != null && last.document() == document) {
            return last.keys();
        }
        List<String> keys = computeKeys(document);
        lastKeys = new KeysOf(document, keys);
        return keys;
    }

    private record KeysOf(Document document, List<String> keys) {}

    /** The value of an indexed field, as the query matcher reads it (a plain field without the path parsing). */
    private static Object valueOf(Document document, String field) {
        if (field.indexOf('.') < 0 && !field.equals("$")) {
            return document.getOrMissing(field);
        }
        return Utils.getSubdocumentValueCollectionAware(document, field);
    }

    private List<String> computeKeys(Document document) {
        List<IndexKey> keys = getKeys();
        List<Object> raw = new ArrayList<>(keys.size());
        boolean anyValue = false;
        int irregular = 0;
        for (int i = 0; i < keys.size(); i++) {
            Object value = valueOf(document, keys.get(i).getKey());
            raw.add(value);
            if (hasValue(value)) {
                anyValue = true;
            }
            if (value instanceof Collection || value instanceof Map) {
                irregular |= 1 << i;
            }
        }
        if (isSparse() && !anyValue) {
            return List.of();
        }
        Set<KeyValue> keyValues = irregular == 0 ? Set.of(new KeyValue(raw)) : getKeyValues(document);
        if (keyValues.isEmpty()) {
            keyValues = Set.of(new KeyValue(raw));
        }
        List<String> encoded = new ArrayList<>(keyValues.size());
        for (KeyValue keyValue : keyValues) {
            KeyEncoding.KeyBuilder key = new KeyEncoding.KeyBuilder();
            for (int i = 0; i < keys.size(); i++) {
                Object value = keyValue.get(i);
                if (value instanceof Collection || value instanceof Map) {
                    irregular |= 1 << i;
                }
                key.append(value, keys.get(i).isAscending());
            }
            encoded.add(key.toKey());
        }
        noteIrregular(irregular);
        return encoded.size() > 1 ? List.copyOf(new LinkedHashSet<>(encoded)) : encoded;
    }

    private static boolean hasValue(Object value) {
        if (value instanceof Missing) {
            return false;
        }
        if (value instanceof Collection<?> values && !values.isEmpty()) {
            return values.stream().anyMatch(element -> !(element instanceof Missing));
        }
        return true;
    }

    private void noteIrregular(int parts) {
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

    private static String positionKey(Object position) {
        return KeyEncoding.encode(position);
    }

    // ------------------------------------------------------------------------------------------------- writes

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        List<String> keys = keysOf(document);
        if (unique) {
            for (String key : keys) {
                if (firstPositionWithKey(key, null) != null) {
                    throw duplicate(document, collection);
                }
            }
        }
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        List<String> keys = keysOf(document);
        String positionKey = positionKey(position);
        if (unique) {
            for (String key : keys) {
                if (firstPositionWithKey(key, positionKey) != null) {
                    throw duplicate(document, collection);
                }
            }
        }
        for (String key : keys) {
            entries.put(key + positionKey, position);
        }
        lastKeys = null;
    }

    /**
     * Collects the entries of an index being built from the documents, then writes them in key order: an MVStore
     * map filled in order touches each page once, where filling it in document order rewrites its pages over and
     * over (and commits in between write them out again).
     */
    final class Build {

        private final List<Entry> collected = new ArrayList<>();

        void add(Document document, Object position) {
            String positionKey = positionKey(position);
            for (String key : computeKeys(document)) {
                collected.add(new Entry(key + positionKey, key.length(), position));
            }
        }

        /**
         * Writes the entries; answers the position of the first document whose unique key another document has
         * too (its entries are written all the same), or null.
         */
        Object finish() {
            collected.sort((a, b) -> a.key().compareTo(b.key()));
            Object duplicate = null;
            Entry previous = null;
            for (Entry entry : collected) {
                if (unique
                        && duplicate == null
                        && previous != null
                        && previous.keyLength() == entry.keyLength()
                        && previous.key().regionMatches(0, entry.key(), 0, entry.keyLength())) {
                    duplicate = entry.position();
                }
                entries.put(entry.key(), entry.position());
                previous = entry;
            }
            collected.clear();
            return duplicate;
        }
    }

    private record Entry(String key, int keyLength, Object position) {}

    Build build() {
        return new Build();
    }

    /** The duplicate key error a unique index reports for {@code document}. */
    DuplicateKeyError duplicateOf(Document document, MongoCollection<Object> collection) {
        return duplicate(document, collection);
    }

    @Override
    public Object remove(Document document) {
        lastKeys = null;
        List<String> keys = computeKeys(document);
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
            keysOf(newDocument);
            return;
        }
        String positionKey = positionKey(positionOf(oldDocument));
        for (String key : keysOf(newDocument)) {
            if (firstPositionWithKey(key, positionKey) != null) {
                throw duplicate(newDocument, collection);
            }
        }
    }

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection)
            throws KeyConstraintError {
        List<String> before = keysOf(oldDocument);
        List<String> after = keysOf(newDocument);
        if (before.equals(after)) {
            lastKeys = null;
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
        lastKeys = null;
    }

    /**
     * The first entry with {@code key} other than the one of the position encoded as {@code ownPositionKey}; null
     * when there is none. Keys are prefix-free, so the entries with a key are exactly those starting with it.
     */
    private String firstPositionWithKey(String key, String ownPositionKey) {
        Cursor<String, Object> cursor = entries.cursor(key);
        while (cursor.hasNext()) {
            String entry = cursor.next();
            if (!entry.startsWith(key)) {
                return null;
            }
            boolean own = ownPositionKey != null
                    && entry.length() == key.length() + ownPositionKey.length()
                    && entry.startsWith(ownPositionKey, key.length());
            if (!own) {
                return entry;
            }
        }
        return null;
    }

    private DuplicateKeyError duplicate(Document document, MongoCollection<Object> collection) {
        List<Object> values = new ArrayList<>();
        for (IndexKey key : getKeys()) {
            Object value = valueOf(document, key.getKey());
            values.add(value instanceof Missing ? null : value);
        }
        return new DuplicateKeyError(this, collection, getKeys(), new KeyValue(values));
    }

    // ------------------------------------------------------------------------------------------------- builds

    /** Empties the map before a build from the documents. */
    void startBuild() {
        lastKeys = null;
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
        return new RangeIterator(range, reverse);
    }

    /** How many entries the ranges hold, counting no further than {@code cap}. */
    long count(List<KeyRange> ranges, long cap) {
        long count = 0;
        for (KeyRange range : ranges) {
            Cursor<String, Object> cursor = entries.cursor(range.from());
            while (cursor.hasNext() && count < cap) {
                String key = cursor.next();
                if (range.to() != null && key.compareTo(range.to()) >= 0) {
                    break;
                }
                count++;
            }
            if (count >= cap) {
                break;
            }
        }
        return count;
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
        for (String key : keysOf(document)) {
            Cursor<String, Object> cursor = entries.cursor(key);
            if (cursor.hasNext() && cursor.next().startsWith(key)) {
                return cursor.getValue();
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

    /** A half-open range [from, to) of entry keys; null ends are open. */
    record KeyRange(String from, String to) {
        static final KeyRange ALL = new KeyRange(null, null);

        /** Every entry whose key starts with {@code prefix}. */
        static KeyRange startingWith(String prefix) {
            return prefix.isEmpty() ? ALL : new KeyRange(prefix, KeyEncoding.successor(prefix));
        }
    }

    private final class RangeIterator implements Iterator<Object> {

        private final KeyRange range;
        private final boolean reverse;
        private final Cursor<String, Object> cursor;
        private Object next;
        private boolean done;

        RangeIterator(KeyRange range, boolean reverse) {
            this.range = range;
            this.reverse = reverse;
            this.cursor = reverse ? entries.cursor(range.to(), null, true) : entries.cursor(range.from(), null, false);
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                if (!cursor.hasNext()) {
                    done = true;
                    break;
                }
                String key = cursor.next();
                if (reverse) {
                    if (range.to() != null && key.compareTo(range.to()) >= 0) {
                        continue;
                    }
                    if (range.from() != null && key.compareTo(range.from()) < 0) {
                        done = true;
                        break;
                    }
                } else if (range.to() != null && key.compareTo(range.to()) >= 0) {
                    done = true;
                    break;
                }
                next = cursor.getValue();
            }
            return next != null;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object position = next;
            next = null;
            return position;
        }
    }
}
