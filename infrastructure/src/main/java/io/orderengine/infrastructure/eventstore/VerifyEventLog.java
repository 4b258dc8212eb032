package io.orderengine.infrastructure.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.orderengine.infrastructure.eventstore.EventLogVerifier.EventLogVerification;
import io.orderengine.infrastructure.store.EmbeddedMongoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Verifies the event log of a store that no engine is running on, offline: an embedded store file (for instance one
 * that {@code scripts/verify-backup.sh} unpacked from a backup; opened on a loopback port of its own) or a MongoDB
 * database. Prints one line, {@code verified events=N head=<hex>} or {@code BROKEN position=P reason=…}, and exits 0
 * when the chain holds, 1 when it does not, 2 on bad arguments.
 *
 * <pre>java -cp engine.jar -Dloader.main=io.orderengine.infrastructure.eventstore.VerifyEventLog \
 *     org.springframework.boot.loader.launch.PropertiesLauncher (--store FILE | --uri URI) [--db NAME]</pre>
 */
public final class VerifyEventLog {

    private VerifyEventLog() {}

    public static void main(String[] args) {
        String store = null;
        String uri = null;
        String db = "orderengine";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--store" -> store = args[i + 1];
                case "--uri" -> uri = args[i + 1];
                case "--db" -> db = args[i + 1];
                default -> usage();
            }
        }
        if ((store == null) == (uri == null) || args.length % 2 != 0) {
            usage();
        }
        EventLogVerification outcome;
        if (store != null) {
            if (!Files.isRegularFile(Path.of(store))) {
                System.err.println("verify: no store file " + store);
                System.exit(2);
            }
            try (EmbeddedMongoStore embedded = EmbeddedMongoStore.start(Path.of(store), "127.0.0.1", 0)) {
                outcome = verify(embedded.connectionString(), db);
            }
        } else {
            outcome = verify(uri, db);
        }
        if (outcome.verified()) {
            System.out.println("verified events=" + outcome.events() + " head=" + outcome.head());
            System.exit(0);
        }
        System.out.println("BROKEN position=" + outcome.firstBrokenPosition() + " reason=" + outcome.reason());
        System.exit(1);
    }

    private static EventLogVerification verify(String connection, String db) {
        try (MongoClient client = MongoClients.create(connection)) {
            return new EventLogVerifier(client.getDatabase(db), Clock.systemUTC()).verify();
        }
    }

    private static void usage() {
        System.err.println("usage: VerifyEventLog (--store FILE | --uri URI) [--db NAME]");
        System.exit(2);
    }
}
