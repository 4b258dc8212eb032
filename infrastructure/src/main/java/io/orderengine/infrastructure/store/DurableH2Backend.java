package io.orderengine.infrastructure.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.orderengine.infrastructure.store.index.IndexedH2Backend;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded store's H2 backend, made durable on the server side: the answer to a write command, whoever sent it
 * (this engine or another engine instance sharing the store over the wire), goes back only after an MVStore commit
 * that started after the write was applied. Acknowledged means on disk for every client, not only for the JVM that
 * runs the server. Commits are grouped ({@link GroupCommit}): writers that finish while a commit runs are covered
 * by the next one, so concurrent writers share one file write instead of queueing for one each. Its indexes are
 * served and kept in the same file ({@link IndexedH2Backend}).
 */
final class DurableH2Backend extends IndexedH2Backend {

    private static final Set<String> WRITES = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "createindexes",
            "drop",
            "dropdatabase",
            "renamecollection",
            "create",
            "dropindexes");

    private final GroupCommit group = new GroupCommit(this::commit);

    DurableH2Backend(String file) {
        super(file);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        try {
            return super.handleMessage(message);
        } finally {
            if (isWrite(message.getDocument())) {
                group.awaitDurable();
            }
        }
    }

    /** Write commands answered so far. */
    long writes() {
        return group.writes();
    }

    /** MVStore commits made for them (fewer than {@link #writes()} when writers overlap). */
    long commits() {
        return group.commits();
    }

    private static boolean isWrite(Document command) {
        return !command.isEmpty()
                && WRITES.contains(command.keySet().iterator().next().toLowerCase(Locale.ROOT));
    }
}
