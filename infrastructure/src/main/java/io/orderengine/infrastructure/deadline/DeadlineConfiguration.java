package io.orderengine.infrastructure.deadline;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's {@link org.axonframework.deadline.DeadlineManager}: deadlines kept in Mongo so they survive a restart
 * (Axon's Spring Boot autoconfiguration defines none). Sagas get it injected. Deadlines are delivered once the
 * application has started, and no longer once it stops; scopes (sagas, aggregates) are looked up in Axon's
 * configuration when a deadline is due.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    /**
     * How often the store is asked for due deadlines besides the wake-up at the next one: another instance may
     * schedule one due before that wake-up, and a failed delivery is retried at the first poll after its delay.
     */
    static final Duration CLUSTERED_POLL = Duration.ofSeconds(1);

    static final Duration SINGLE_INSTANCE_POLL = Duration.ofSeconds(10);

    @Bean
    MongoDeadlineManager deadlineManager(
            MongoDatabase database,
            ObjectProvider<org.axonframework.config.Configuration> axon,
            Serializer serializer,
            ObjectProvider<Clock> clock,
            @Value("${engine.cluster.enabled:false}") boolean clustered) {
        MongoDeadlineManager manager = new MongoDeadlineManager(
                database,
                lazyScopes(axon),
                serializer,
                clock.getIfAvailable(Clock::systemUTC),
                MongoDeadlineManager.Options.defaults()
                        .pollingEvery(clustered ? CLUSTERED_POLL : SINGLE_INSTANCE_POLL));
        manager.ensureIndexes();
        return manager;
    }

    @Bean
    SmartLifecycle deadlineManagerLifecycle(MongoDeadlineManager manager) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                manager.start();
                running = true;
            }

            @Override
            public void stop() {
                manager.shutdown();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE;
            }
        };
    }

    private static ScopeAwareProvider lazyScopes(ObjectProvider<org.axonframework.config.Configuration> axon) {
        AtomicReference<ScopeAwareProvider> scopes = new AtomicReference<>();
        return descriptor -> scopes.updateAndGet(
                        current -> current != null ? current : new ConfigurationScopeAwareProvider(axon.getObject()))
                .provideScopeAwareStream(descriptor);
    }
}
