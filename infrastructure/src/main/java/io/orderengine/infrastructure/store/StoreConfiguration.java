package io.orderengine.infrastructure.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that decides where data lives: {@code MONGODB_URI} → that MongoDB; unset → the embedded store.
 * Everything else (Axon's event store, tokens, sagas, read models) gets the {@link MongoDatabase} from here.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean(destroyMethod = "close")
    public Store store(StoreProperties properties) {
        return Store.open(properties);
    }

    /** Closed before the {@link Store} (it depends on it), so the embedded server outlives its last client. */
    @Bean(destroyMethod = "close")
    public MongoClient mongoClient(Store store) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.connectionString()))
                .applyToSocketSettings(s -> s.connectTimeout(10, TimeUnit.SECONDS))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(15, TimeUnit.SECONDS));
        return MongoClients.create(settings.build());
    }

    @Bean
    public MongoDatabase mongoDatabase(MongoClient client, StoreProperties properties) {
        return client.getDatabase(properties.database());
    }
}
