package io.orderengine.infrastructure.eventstore;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the event store ({@code engine.event-store.*}; {@code engine.eventstore.*} binds too).
 *
 * @param engine               which storage engine keeps the events: {@code global-sequence} (ours, the default;
 *                             docs/adr/0001-event-store.md) or {@code stock} (axon-mongo's
 *                             {@code MongoEventStorageEngine} with its default settings, in its own collections
 *                             {@code domainevents} and {@code snapshotevents}; kept for comparison in the benchmark,
 *                             it can miss late commits)
 * @param gapTimeout           how long tracking processors wait for a commit that got its positions but has not
 *                             written them yet; a commit slower than this is still stored and replayed, but not seen
 *                             live by a processor already past it (docs/adr/0001-event-store.md)
 * @param batchSize            events per aggregate-load block and per tracking read
 * @param maxGapOffset         open gaps further than this many positions behind a token are dropped (bounds token size)
 * @param orderDetailBatchSize events the {@code order-detail} processor handles in one unit of work: the projection
 *                             writes the batch's order documents once, at its end, and the token is saved once per
 *                             batch (live, a batch holds whatever has arrived, usually one event)
 * @param orderedDelivery      live processors receive events strictly in position order: a tracking read waits for a
 *                             commit still in flight instead of delivering it later as a gap fill (costs latency
 *                             while commits are in flight, and up to {@code gapTimeout} after a crashed commit);
 *                             replays are in position order either way
 */
@Validated
@ConfigurationProperties("engine.event-store")
public record EventStoreProperties(
        @NotNull @DefaultValue("global-sequence") Engine engine,
        @DefaultValue("60s") Duration gapTimeout,
        @Min(1) @DefaultValue("100") int batchSize,
        @Min(1) @DefaultValue("100000") int maxGapOffset,
        @Min(1) @DefaultValue("100") int orderDetailBatchSize,
        @DefaultValue("false") boolean orderedDelivery) {

    /** The event storage engines to choose from. */
    public enum Engine {
        /** Ours: a gap-aware global position per event ({@link MongoGlobalSequenceEventStorageEngine}). */
        GLOBAL_SEQUENCE,
        /** axon-mongo's {@code MongoEventStorageEngine}, default settings (timestamp tracking tokens). */
        STOCK
    }
}
