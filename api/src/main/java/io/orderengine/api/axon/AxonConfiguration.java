package io.orderengine.api.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoDatabase;
import io.orderengine.command.order.Order;
import io.orderengine.command.sku.Sku;
import io.orderengine.saga.commands.CommandFailures;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.spring.config.annotation.SpringBeanParameterResolverFactory;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on MongoDB, wired by hand (the axon-mongo starter is stale and would bring a Mongo transaction manager the
 * embedded store cannot serve): event store, snapshots, tracking tokens and sagas all live in the engine's database.
 * No Axon Server. Every message is serialized as JSON with a mapper of Axon's own, so the REST API's stricter
 * mapper (unknown fields rejected) never affects stored events.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** Messages and tracking tokens: plain Jackson, as their classes' own annotations expect. */
    static ObjectMapper messageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Aggregate snapshots and sagas keep their state in private fields without getters. (Tracking tokens must not
     * go through this mapper: it reads their fields instead of their annotated accessors and corrupts them.)
     */
    static ObjectMapper stateObjectMapper() {
        return messageObjectMapper()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    }

    /** The general serializer: tracking tokens, dead letters, anything not covered below. */
    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(messageObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(messageObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(messageObjectMapper()).build();
    }

    /** Snapshots and sagas (see {@link #stateObjectMapper()}). */
    @Bean
    @Qualifier("stateSerializer")
    public Serializer stateSerializer() {
        return JacksonSerializer.builder().objectMapper(stateObjectMapper()).build();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabase database) {
        return DefaultMongoTemplate.builder().mongoDatabase(database).build();
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }

    @Bean
    public SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate,
                                       @Qualifier("stateSerializer") Serializer stateSerializer) {
        return MongoSagaStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(stateSerializer)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }

    /**
     * Commands that fail transiently (an aggregate lock that would deadlock or timed out, a momentary store error)
     * are retried with exponential backoff on a scheduler thread, outside the sender's unit of work, instead of
     * being dropped: a saga's reservation must not be lost because another checkout held the same SKU.
     */
    @Bean(destroyMethod = "")
    public CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(retries).backoffFactor(50).maxRetryCount(6)
                        // a rule the domain refused (a state, a stock level, an unknown or duplicate id) will
                        // refuse again: only lock, concurrency and store hiccups are worth another try
                        .addNonTransientFailurePredicate(CommandFailures::isRejection)
                        .build())
                .build();
    }

    /**
     * Axon's Spring snapshotter looks the aggregate factories up among the beans. The aggregates are registered by
     * hand (below), not as Spring stereotypes, so without these two every snapshot attempt failed with "Aggregate
     * Type is unknown in this snapshotter" and every load replayed the whole history. Their handlers take Spring
     * beans as parameters (the pricing policy, the clock), so the models are inspected with Spring's resolvers too.
     */
    @Bean
    public AggregateFactory<Order> orderAggregateFactory(ApplicationContext context) {
        return new GenericAggregateFactory<>(
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Order.class, springAware(context, Order.class)));
    }

    @Bean
    public AggregateFactory<Sku> skuAggregateFactory(ApplicationContext context) {
        return new GenericAggregateFactory<>(
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Sku.class, springAware(context, Sku.class)));
    }

    private static ParameterResolverFactory springAware(ApplicationContext context, Class<?> type) {
        return MultiParameterResolverFactory.ordered(ClasspathParameterResolverFactory.forClass(type),
                new SpringBeanParameterResolverFactory(context));
    }

    @Bean
    public Cache skuCache() {
        return new WeakReferenceCache();
    }

    /**
     * The aggregates are registered here rather than with Spring stereotypes, so command-side stays free of Spring.
     * Handler parameters (the pricing policy, the clock) are resolved from the application context by Axon.
     * Projections and sagas run in pooled streaming processors.
     */
    @Bean
    public ConfigurerModule aggregatesAndProcessors(AxonProperties properties, Cache skuCache,
                                                    @Value("${engine.cluster.enabled:false}") boolean clustered) {
        return configurer -> {
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Order.class)
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                            c.snapshotter(), properties.orderSnapshotThreshold())));
            AggregateConfigurer<Sku> sku = AggregateConfigurer.defaultConfiguration(Sku.class)
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                            c.snapshotter(), properties.skuSnapshotThreshold()));
            // several instances on one store: another instance's change would leave a cached SKU stale (ADR 0002)
            if (properties.cache() && !clustered) {
                sku.configureCache(c -> skuCache);
            }
            configurer.configureAggregate(sku);
            // A failing handler must not skip its event (a read model would silently stay wrong): the error
            // propagates, the processor backs off and retries that event.
            configurer.eventProcessing()
                    .usingPooledStreamingEventProcessors()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        };
    }
}
