package io.orderengine.testkit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** An in-process Mongo-compatible server with the in-memory backend, and a database on it. */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    private InMemoryMongo() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    public static InMemoryMongo start() {
        return new InMemoryMongo();
    }

    public MongoDatabase database() {
        return client.getDatabase("orderengine-test");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
