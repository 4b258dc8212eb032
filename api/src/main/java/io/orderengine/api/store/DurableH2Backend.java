package io.orderengine.api.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded store's H2 backend, made durable on the server side: after every write command, whoever sent it
 * (this engine or another engine instance sharing the store over the wire), the MVStore is committed before the
 * answer goes back. Acknowledged means on disk for every client, not only for the JVM that runs the server.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "drop", "dropdatabase", "renamecollection", "create", "dropindexes");

    DurableH2Backend(String file) {
        super(file);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        try {
            return super.handleMessage(message);
        } finally {
            if (isWrite(message.getDocument())) {
                commit();
            }
        }
    }

    private static boolean isWrite(Document command) {
        return !command.isEmpty() && WRITES.contains(command.keySet().iterator().next().toLowerCase(Locale.ROOT));
    }
}
