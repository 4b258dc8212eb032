package io.orderengine.infrastructure.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A child process for {@link EmbeddedStoreDurabilityTest}: opens the embedded store on the file given as the first
 * argument and lets {@value #WRITERS} threads insert documents as fast as they can, printing {@code acked <id>}
 * after each insert the server acknowledged. It runs until it is killed.
 */
public final class StoreWriters {

    static final int WRITERS = 8;
    static final String DATABASE = "durability";
    static final String COLLECTION = "writes";

    private StoreWriters() {}

    public static void main(String[] args) throws Exception {
        EmbeddedMongoStore store = EmbeddedMongoStore.start(Path.of(args[0]), "127.0.0.1", 0);
        MongoClient client = MongoClients.create(store.connectionString());
        MongoCollection<Document> writes = client.getDatabase(DATABASE).getCollection(COLLECTION);
        System.out.println("ready");
        System.out.flush();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(
                    () -> {
                        for (long i = 0; ; i++) {
                            String id = "w" + writer + "-" + i;
                            writes.insertOne(new Document("_id", id)
                                    .append("writer", writer)
                                    .append("n", i));
                            System.out.println("acked " + id);
                        }
                    },
                    "writer-" + w);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
