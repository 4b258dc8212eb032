package io.orderengine.query.common;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An in-memory Mongo-compatible server (mongo-java-server with its memory backend), started once per test JVM;
 * every test gets a database of its own as a {@link MongoDatabase} parameter, dropped after the test.
 */
public final class EmbeddedMongo implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedMongo.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MongoDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        MongoDatabase.class,
                        key -> Server.CLIENT.getDatabase("test" + DATABASES.incrementAndGet()),
                        MongoDatabase.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MongoDatabase database = context.getStore(NAMESPACE).remove(MongoDatabase.class, MongoDatabase.class);
        if (database != null) {
            database.drop();
        }
    }

    /** Started on first use; stopped when the test JVM exits. */
    private static final class Server {

        static final MongoClient CLIENT = start();

        private static MongoClient start() {
            MongoServer server = new MongoServer(new MemoryBackend());
            InetSocketAddress address = server.bind();
            MongoClient client = MongoClients.create(
                    new ConnectionString("mongodb://" + address.getHostString() + ":" + address.getPort()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.shutdownNow();
            }));
            return client;
        }
    }
}
