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
 * <p>
 * One kind of write is answered as soon as it is applied: an update of the event processors' positions (Axon's
 * tracking tokens, {@value #POSITIONS}). It is made durable by the next commit, another writer's or the MVStore's own
 * background commit (with no other write, 0.4 to 1.2 s later as measured). A position lost in a crash is one behind what is durable, so the
 * processor handles those events again, which every handler tolerates (a processor stores its position after the rest
 * of its work, {@code TokenAfterCommit}). Token updates were a quarter of the write commands of a checkout burst; not
 * waiting for them took a quarter of the commits away (docs/benchmarks.md).
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

    /** Axon's collection of tracking tokens ({@code DefaultMongoTemplate}'s default name, which the engine keeps). */
    static final String POSITIONS = "trackingtokens";

    private final GroupCommit group = new GroupCommit(this::commit);

    DurableH2Backend(String file) {
        super(file);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        try {
            return super.handleMessage(message);
        } finally {
            Document command = message.getDocument();
            if (isPositionUpdate(command)) {
                group.appliedWithoutWaiting();
            } else if (isWrite(command)) {
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

    private static boolean isPositionUpdate(Document command) {
        String name = commandName(command);
        return "update".equalsIgnoreCase(name) && POSITIONS.equals(command.get(name));
    }

    private static boolean isWrite(Document command) {
        String name = commandName(command);
        return name != null && WRITES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** A command's name is its first key (its value names the collection); null for an empty document. */
    private static String commandName(Document command) {
        return command.isEmpty() ? null : command.keySet().iterator().next();
    }
}
