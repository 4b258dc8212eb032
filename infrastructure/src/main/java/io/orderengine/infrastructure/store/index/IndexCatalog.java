package io.orderengine.infrastructure.store.index;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store file says about its index maps, kept in one MVStore map next to the collections: for each index
 * map, the definition it was built for (present only once the map holds an entry for every document), which of its
 * key parts ever held an array or a sub-document, and the store version at the last clean close.
 * <p>
 * An index map is trusted on open only when the file was closed cleanly by this backend and nothing committed
 * since: the collection maps and the index maps are written by separate puts, and MVStore may commit (in the
 * background, or for another writer's group commit) between them, so after a crash, or after a build that does not
 * maintain these maps opened the file and wrote to it, the maps may disagree with the documents. Then every index
 * is rebuilt from the documents when it is opened.
 */
final class IndexCatalog {

    private static final Logger log = LoggerFactory.getLogger(IndexCatalog.class);

    /** Not a possible database prefix ({@code $} is not allowed in database names), so no database drop removes it. */
    static final String MAP_NAME = "$orderengine.indexes";
    /** Bump when {@link KeyEncoding} or the entry layout changes: every index map is then rebuilt once. */
    static final int FORMAT = 1;

    private static final String CLEAN_CLOSE = "clean-close-version";
    private static final String DEFINITION = "definition:";
    private static final String IRREGULAR = "irregular:";

    private final MVStore store;
    private final MVMap<String, Object> entries;
    private final boolean trusted;

    private IndexCatalog(MVStore store) {
        this.store = store;
        this.entries = store.openMap(MAP_NAME);
        Object cleanClose = entries.get(CLEAN_CLOSE);
        long version = store.getCurrentVersion();
        this.trusted = cleanClose instanceof Long at && at == version;
        if (!trusted) {
            boolean any = entries.keySet().stream().anyMatch(key -> key.startsWith(DEFINITION));
            if (any) {
                log.warn(
                        "Store indexes: the store was not closed cleanly by this backend (closed at version {}, now {});"
                                + " every index is rebuilt from the documents",
                        cleanClose,
                        version);
            }
            entries.keySet().stream()
                    .filter(key -> key.startsWith(DEFINITION) || key.startsWith(IRREGULAR))
                    .toList()
                    .forEach(entries::remove);
        }
    }

    static IndexCatalog open(MVStore store) {
        return new IndexCatalog(store);
    }

    /** Whether the map of {@code mapName} was completely built for {@code definition} (and the file is trusted). */
    boolean isComplete(String mapName, String definition) {
        return definition.equals(entries.get(DEFINITION + mapName)) && store.hasMap(mapName);
    }

    void markComplete(String mapName, String definition) {
        entries.put(DEFINITION + mapName, definition);
    }

    void forget(String mapName) {
        entries.remove(DEFINITION + mapName);
        entries.remove(IRREGULAR + mapName);
    }

    /** The key parts (bit i for part i) of the map that ever held an array or a sub-document. */
    int irregularParts(String mapName) {
        Object mask = entries.get(IRREGULAR + mapName);
        return mask instanceof Integer bits ? bits : 0;
    }

    void recordIrregularParts(String mapName, int mask) {
        entries.put(IRREGULAR + mapName, mask);
    }

    /** Renames the entries of a map that was renamed with its collection. */
    void rename(String from, String to) {
        Object definition = entries.remove(DEFINITION + from);
        Object irregular = entries.remove(IRREGULAR + from);
        if (definition != null) {
            entries.put(DEFINITION + to, definition);
        }
        if (irregular != null) {
            entries.put(IRREGULAR + to, irregular);
        }
    }

    /**
     * Records the clean close: everything is committed, then the version that the close's own commit will create is
     * written, so a later open finds the file at exactly that version unless someone committed in between.
     */
    void recordCleanClose() {
        store.commit();
        entries.put(CLEAN_CLOSE, store.getCurrentVersion() + 1);
    }
}
