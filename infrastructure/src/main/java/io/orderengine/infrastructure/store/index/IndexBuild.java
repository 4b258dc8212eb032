package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * Collects the entries of an index being built from the documents, then writes them in key order: an MVStore
 * map filled in order touches each page once, where filling it in document order rewrites its pages over and
 * over (and commits in between write them out again).
 */
final class IndexBuild {

    private final DocumentKeys keys;
    private final MVMap<String, Object> entries;
    private final boolean unique;

    private final List<Entry> collected = new ArrayList<>();

    IndexBuild(DocumentKeys keys, MVMap<String, Object> entries, boolean unique) {
        this.keys = keys;
        this.entries = entries;
        this.unique = unique;
    }

    void add(Document document, Object position) {
        String positionKey = OrderedIndex.positionKey(position);
        for (String key : keys.compute(document)) {
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

    private record Entry(String key, int keyLength, Object position) {}
}
