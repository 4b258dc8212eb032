package io.orderengine.api.engine;

import io.orderengine.command.discount.Discount;
import io.orderengine.command.order.Order;
import io.orderengine.command.sku.Sku;
import io.orderengine.infrastructure.axon.PlacedSagaManager;
import io.orderengine.saga.checkout.CheckoutSaga;
import io.orderengine.saga.commands.CommandFailures;
import io.orderengine.saga.discount.DiscountUseSaga;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.spring.config.annotation.SpringBeanParameterResolverFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's assembly on Axon: the aggregates, the command gateway and its retry rule, and the processors' common
 * error handling. Axon's storage wiring (serializers, tokens, sagas, events) is in the infrastructure module.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The association key the checkout and discount-use sagas are started on. */
    static final String ORDER_ID = "orderId";

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
                        .retryExecutor(retries)
                        .backoffFactor(50)
                        .maxRetryCount(6)
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

    @Bean
    public AggregateFactory<Discount> discountAggregateFactory(ApplicationContext context) {
        return new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(
                Discount.class, springAware(context, Discount.class)));
    }

    private static ParameterResolverFactory springAware(ApplicationContext context, Class<?> type) {
        return MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(type), new SpringBeanParameterResolverFactory(context));
    }

    @Bean
    public Cache skuCache(AxonProperties properties) {
        return new BoundedAggregateCache(properties.cacheSize());
    }

    /**
     * Orders kept in memory between the commands of their lifecycle (the saga's steps, the payment, the admin's), so
     * a command finds its order without reading its snapshot and events back from the store. A snapshot holds the
     * order's personal data opened, and so does a cached order: erasing a data subject evicts its orders
     * ({@code DataSubjects}) as it forgets their snapshots.
     */
    @Bean
    public Cache orderCache(AxonProperties properties) {
        return new BoundedAggregateCache(properties.cacheSize());
    }

    /**
     * The aggregates are registered here rather than with Spring stereotypes, so command-side stays free of Spring.
     * Handler parameters (the pricing policy, the clock) are resolved from the application context by Axon.
     * The event processors are configured in {@link ProcessingGroups}.
     */
    @Bean
    public ConfigurerModule aggregatesAndProcessors(
            AxonProperties properties,
            @Qualifier("skuCache") Cache skuCache,
            @Qualifier("orderCache") Cache orderCache,
            @Value("${engine.cluster.enabled:false}") boolean clustered) {
        return configurer -> {
            AggregateConfigurer<Order> order = AggregateConfigurer.defaultConfiguration(Order.class)
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                            c.snapshotter(), properties.orderSnapshotThreshold()));
            AggregateConfigurer<Sku> sku = AggregateConfigurer.defaultConfiguration(Sku.class)
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                            c.snapshotter(), properties.skuSnapshotThreshold()));
            // several instances on one store: another instance's change would leave a cached aggregate stale (ADR 0002)
            if (properties.cache() && !clustered) {
                order.configureCache(c -> orderCache);
                sku.configureCache(c -> skuCache);
            }
            configurer.configureAggregate(order);
            configurer.configureAggregate(sku);
            // a discount code takes an event per use, like a SKU: snapshotted at the same rate
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Discount.class)
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                            c.snapshotter(), properties.skuSnapshotThreshold())));
        };
    }

    /**
     * The checkout saga and the discount-use saga are started on {@code orderId} and associated with nothing else:
     * each event goes only to the segment that holds (or creates) its order's saga ({@link PlacedSagaManager}),
     * instead of every segment looking the order up in the saga store. Applied after Spring's registration of the
     * {@code @Saga} types, which it replaces for these two.
     */
    @Bean
    public ConfigurerModule sagasPlacedByOrder() {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                placeByOrder(configurer, CheckoutSaga.class);
                placeByOrder(configurer, DiscountUseSaga.class);
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    private static <T> void placeByOrder(Configurer configurer, Class<T> sagaType) {
        configurer
                .eventProcessing()
                .registerSaga(
                        sagaType, saga -> saga.configureSagaManager(c -> PlacedSagaManager.of(sagaType, ORDER_ID, c)));
    }
}
