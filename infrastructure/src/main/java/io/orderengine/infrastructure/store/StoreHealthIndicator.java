package io.orderengine.infrastructure.store;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Readiness: the store answers a ping. Part of the readiness group (application.yml). */
@Component
class StoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;
    private final Store store;

    StoreHealthIndicator(MongoDatabase database, Store store) {
        super("store is not reachable");
        this.database = database;
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.runCommand(new Document("ping", 1));
        builder.up().withDetail("kind", store.kind()).withDetail("database", database.getName());
    }
}
