package io.orderengine.api.engine;

import io.orderengine.api.engine.observability.BusinessMeters;
import io.orderengine.infrastructure.axon.SegmentClaims;
import io.orderengine.infrastructure.eventstore.EventStoreProperties;
import io.orderengine.infrastructure.logging.MessageMdc;
import io.orderengine.infrastructure.pipeline.ProcessedEvents;
import io.orderengine.outbound.mail.DeadLetterPolicies;
import io.orderengine.outbound.mail.OrderNotifications;
import io.orderengine.outbound.webhooks.WebhookOutbox;
import io.orderengine.query.customer.CustomerStatsProjection;
import io.orderengine.query.discount.DiscountProjection;
import io.orderengine.query.metrics.OrderMetricsProjection;
import io.orderengine.query.order.OrderDetailProjection;
import io.orderengine.query.sku.SkuStockProjection;
import io.orderengine.saga.checkout.CheckoutSaga;
import io.orderengine.saga.discount.DiscountUseSaga;
import io.orderengine.saga.edit.EditBalanceSaga;
import io.orderengine.saga.edit.RemovedEditStock;
import io.orderengine.saga.returns.ReturnRestocking;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every event processor of the engine and its settings, in one table ({@link #table}). All run as pooled streaming
 * processors on the engine's event store; a failing handler never skips its event: either the error propagates and
 * the processor retries the event after a back-off ({@link OnError#RETRY}, read models and the saga), or the event
 * goes to the processor's Mongo dead-letter queue and later events of the same order queue behind it
 * ({@link OnError#DEAD_LETTER}, e-mails).
 */
@Configuration(proxyBeanMethods = false)
public class ProcessingGroups {

    /**
     * Segments per processor (for a store on which the processor has never run; a store keeps the count its tokens
     * were created with): the unit of parallelism within an instance and of sharing between instances. Four keep two
     * cores busy and let up to four instances share every processor; more segments only add coordination (each
     * extends its claim, and each gets its own, smaller, batches): 16 took a 1,000-order burst twice as long to
     * drain and cost idle CPU (docs/benchmarks.md).
     */
    public static final int SEGMENTS = 4;

    /**
     * Events a processor handles in one unit of work (one token update) when more are waiting: under load batches
     * fill, and a token write is shared by up to this many events; when idle each event is still handled at once.
     * Safe to repeat after a failure: the read models are versioned by aggregate sequence, the saga's commands are
     * no-ops when repeated, the outbox is keyed by event id.
     */
    public static final int BATCH = 20;

    /** Where a processor starts the first time it runs on a store. */
    public enum Start {
        /** From the first event: a read model or the saga must see the whole history. */
        TAIL,
        /** From the head: side effects must not be redone for past orders when deployed onto an existing store. */
        HEAD
    }

    /** What a processor does with an event its handler failed on. */
    public enum OnError {
        RETRY,
        DEAD_LETTER
    }

    /** How a processor may be replayed. */
    public enum Replay {
        /** Rebuilt by the projection rebuilder into new collections while the live ones keep serving. */
        REBUILD,
        /** Never replayed: it keeps state a replay would duplicate (saga instances) or side effects. */
        NEVER
    }

    /**
     * One processor.
     *
     * @param name       processing group, and the processor's name
     * @param serves     what it keeps up to date or does
     * @param batchSize  events handled in one unit of work (and one token update)
     * @param readYourWrites whether a web request that wrote waits for this processor before it answers
     *                   ({@link ConsistentCommands}): the read models the next request of the same client reads
     */
    public record Group(
            String name,
            String serves,
            int segments,
            int batchSize,
            Start start,
            OnError onError,
            Replay replay,
            boolean readYourWrites) {}

    /** The processors a web request that wrote waits for ({@link Group#readYourWrites}). */
    public static List<String> readYourWritesGroups() {
        return table(new EventStoreProperties(null, null, 1, 1, 1, false)).stream()
                .filter(Group::readYourWrites)
                .map(Group::name)
                .toList();
    }

    /** The processors, in the order a newcomer would read them: read models, saga, side effects. */
    public static List<Group> table(EventStoreProperties eventStore) {
        return List.of(
                new Group(
                        OrderDetailProjection.PROCESSING_GROUP,
                        "order detail, customer history, admin order lists",
                        SEGMENTS,
                        eventStore.orderDetailBatchSize(),
                        Start.TAIL,
                        OnError.RETRY,
                        Replay.REBUILD,
                        true),
                new Group(
                        SkuStockProjection.PROCESSING_GROUP,
                        "catalogue and stock levels",
                        SEGMENTS,
                        BATCH,
                        Start.TAIL,
                        OnError.RETRY,
                        Replay.REBUILD,
                        true),
                new Group(
                        CustomerStatsProjection.PROCESSING_GROUP,
                        "per-customer order counts and totals",
                        SEGMENTS,
                        BATCH,
                        Start.TAIL,
                        OnError.RETRY,
                        Replay.REBUILD,
                        false),
                new Group(
                        OrderMetricsProjection.PROCESSING_GROUP,
                        "dashboard figures per day",
                        SEGMENTS,
                        BATCH,
                        Start.TAIL,
                        OnError.RETRY,
                        Replay.REBUILD,
                        false),
                new Group(
                        CheckoutSaga.PROCESSING_GROUP,
                        "the checkout saga: stock, payment, compensation",
                        SEGMENTS,
                        BATCH,
                        Start.TAIL,
                        OnError.RETRY,
                        Replay.NEVER,
                        false),
                new Group(
                        DiscountProjection.PROCESSING_GROUP,
                        "discount codes and their use counts (admin)",
                        1, // few codes; one segment keeps the processor cheap when idle
                        BATCH,
                        Start.TAIL,
                        OnError.RETRY,
                        Replay.REBUILD,
                        true),
                new Group(
                        DiscountUseSaga.PROCESSING_GROUP,
                        "discount code uses: confirmed when the order is paid, released when given up before",
                        SEGMENTS,
                        BATCH,
                        Start.TAIL, // on an older store: orders without a held use make no-op commands
                        OnError.RETRY,
                        Replay.NEVER,
                        false),
                new Group(
                        EditBalanceSaga.PROCESSING_GROUP,
                        "order edit balances: the payment of the difference, or the edit rolled back",
                        SEGMENTS,
                        BATCH,
                        Start.TAIL,
                        OnError.RETRY,
                        Replay.NEVER,
                        false),
                new Group(
                        RemovedEditStock.PROCESSING_GROUP,
                        "gives back the units an order edit removed (the admin API does it at once; this after a crash)",
                        SEGMENTS,
                        BATCH,
                        Start.TAIL, // on an older store: edits whose units came back make no-op commands
                        OnError.RETRY,
                        Replay.NEVER,
                        false),
                new Group(
                        ReturnRestocking.PROCESSING_GROUP,
                        "restocks the units of received returns (the refund is the saga's)",
                        SEGMENTS,
                        BATCH,
                        Start.TAIL,
                        OnError.RETRY,
                        Replay.NEVER,
                        false),
                new Group(
                        OrderNotifications.PROCESSING_GROUP,
                        "e-mails to customers",
                        SEGMENTS,
                        1, // one e-mail per unit of work: a crash repeats at most one
                        Start.HEAD,
                        OnError.DEAD_LETTER,
                        Replay.NEVER,
                        false),
                new Group(
                        WebhookOutbox.PROCESSING_GROUP,
                        "outbound webhooks (outbox)",
                        SEGMENTS,
                        BATCH,
                        Start.HEAD,
                        OnError.RETRY,
                        Replay.NEVER,
                        false),
                new Group(
                        BusinessMeters.PROCESSING_GROUP,
                        "business meters (docs/operations.md): counted once per event, from the head on",
                        1, // cheap handlers; one segment keeps an order's and its SKUs' events in one thread
                        BATCH,
                        Start.HEAD,
                        OnError.RETRY,
                        Replay.NEVER,
                        false));
    }

    @Bean
    public ConfigurerModule processingGroupSettings(
            EventStoreProperties eventStore,
            MongoTemplate axonMongoTemplate,
            @Qualifier("serializer") Serializer serializer,
            ProcessedEvents processedEvents,
            MessageMdc messageMdc,
            SegmentClaims claims) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer
                    .eventProcessing()
                    .usingPooledStreamingEventProcessors()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerDefaultHandlerInterceptor((c, name) -> messageMdc);
            for (Group group : table(eventStore)) {
                processing.registerPooledStreamingEventProcessorConfiguration(group.name(), (c, builder) -> {
                    builder.initialSegmentCount(group.segments())
                            .batchSize(group.batchSize())
                            .claimExtensionThreshold(claims.extensionMillis());
                    return group.start() == Start.HEAD
                            ? builder.initialToken(source -> source.createHeadToken())
                            : builder;
                });
                if (group.readYourWrites()) {
                    processing.registerHandlerInterceptor(group.name(), c -> processedEvents.interceptor(group.name()));
                }
                if (group.onError() == OnError.DEAD_LETTER) {
                    processing
                            .registerDeadLetterQueue(
                                    group.name(),
                                    c -> MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                            .processingGroup(group.name())
                                            .mongoTemplate(axonMongoTemplate)
                                            .serializer(serializer)
                                            .transactionManager(NoTransactionManager.INSTANCE)
                                            .build())
                            .registerDeadLetterPolicy(group.name(), c -> DeadLetterPolicies.countingRetries())
                            // an event of an order the queue holds nothing of is handled without asking the queue:
                            // Axon remembers, per segment, which orders it holds letters of (measured: one lookup
                            // per order less, docs/benchmarks.md); a released segment forgets
                            .registerDeadLetteringEventHandlerInvokerConfiguration(
                                    group.name(), (c, builder) -> builder.enableSequenceIdentifierCache());
                }
            }
        };
    }
}
