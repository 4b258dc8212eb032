package io.orderengine.api.engine;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the event-sourced side.
 *
 * @param orderSnapshotThreshold events after which an Order snapshot is taken
 * @param skuSnapshotThreshold   events after which a Sku snapshot is taken (SKUs collect many reservations)
 * @param cache                  keep Sku and Order aggregates in memory between commands; always off when several
 *                               engine instances share a store ({@code engine.cluster.enabled=true}: another
 *                               instance's change would leave this one's copy stale)
 * @param cacheSize              aggregates of each type (SKUs, orders) kept in memory at most, the least recently
 *                               used dropped first
 */
@Validated
@ConfigurationProperties("engine.aggregates")
public record AxonProperties(
        @Min(1) @DefaultValue("50") int orderSnapshotThreshold,
        @Min(1) @DefaultValue("100") int skuSnapshotThreshold,
        @DefaultValue("true") boolean cache,
        @Min(1) @DefaultValue("10000") int cacheSize) {}
