package io.orderengine.api.admin.projections;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Projection rebuilds ({@code engine.projections.*}).
 *
 * @param dropPreviousAfter how long the generation a rebuild replaced is kept before it is dropped (other instances
 *                          switch within seconds; default 1 minute)
 * @param rebuildBatchSize  events per batch of a rebuild processor (default 100)
 */
@ConfigurationProperties("engine.projections")
public record ProjectionProperties(
        @DefaultValue("1m") Duration dropPreviousAfter,
        @DefaultValue("100") int rebuildBatchSize) {

    public ProjectionProperties {
        if (dropPreviousAfter.isNegative()) {
            throw new IllegalArgumentException("engine.projections.drop-previous-after must not be negative");
        }
        if (rebuildBatchSize < 1) {
            throw new IllegalArgumentException("engine.projections.rebuild-batch-size must be at least 1");
        }
    }
}
