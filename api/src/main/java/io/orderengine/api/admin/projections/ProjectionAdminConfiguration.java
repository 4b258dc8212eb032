package io.orderengine.api.admin.projections;

import io.orderengine.api.admin.orders.OrderArchivalJob;
import io.orderengine.query.order.OrderArchive;
import io.orderengine.query.order.OrderDetailProjection;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionRebuilder;
import io.orderengine.query.projection.RebuildableProjection;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the projection rebuilder to the engine: the event store, the token store, the live processors Axon runs
 * (processor name = processing group), every {@link RebuildableProjection} component, and the archival of due
 * orders into a rebuilt order detail before it starts serving.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionAdminConfiguration {

    @Bean(destroyMethod = "close")
    public ProjectionRebuilder projectionRebuilder(
            EventStore eventStore,
            TokenStore tokenStore,
            EventProcessingConfiguration processing,
            ProjectionCollections collections,
            List<RebuildableProjection> projections,
            OrderArchive archive,
            OrderArchivalJob archivalJob,
            ProjectionProperties properties,
            Clock clock) {
        return ProjectionRebuilder.builder()
                .events(eventStore)
                .tokenStore(tokenStore)
                .liveProcessors(name -> processing.eventProcessor(name, StreamingEventProcessor.class))
                .collections(collections)
                .projections(projections.stream()
                        .sorted(Comparator.comparing(RebuildableProjection::processingGroup))
                        .toList())
                .beforeActivation(
                        OrderDetailProjection.PROCESSING_GROUP,
                        target -> archive.archiveChangedBefore(target, archivalJob.cutoff()))
                .dropPreviousAfter(properties.dropPreviousAfter())
                .batchSize(properties.rebuildBatchSize())
                .clock(clock)
                .build();
    }
}
