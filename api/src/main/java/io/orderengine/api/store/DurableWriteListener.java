package io.orderengine.api.store;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import java.util.Set;

/**
 * Commits the embedded store's MVStore after each successful write command, before the driver hands the result
 * to the caller: acknowledged means on disk (STACK.md measured losses without it).
 */
final class DurableWriteListener implements CommandListener {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "findandmodify",
            "createIndexes", "drop", "dropDatabase", "renameCollection", "create");

    private final EmbeddedMongoStore store;

    DurableWriteListener(EmbeddedMongoStore store) {
        this.store = store;
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        if (WRITES.contains(event.getCommandName())) {
            store.commit();
        }
    }
}
