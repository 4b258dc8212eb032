package io.orderengine.infrastructure.pipeline;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How events travel from the store to the processors ({@code engine.pipeline.*}).
 *
 * @param backstopPoll       how often the store is read when nothing was committed in this instance: the only way
 *                           commits of other instances are noticed (those of this instance are pushed at once).
 *                           Unset: 1 s when several instances share the store ({@code engine.cluster.enabled}),
 *                           otherwise 10 s (a single instance is pushed everything; the poll is only a safety net)
 * @param clusterProbe       with several instances on one store, how often the store's last allocated position is
 *                           read (one small read) to find other instances' commits without waiting for the backstop
 *                           poll; {@code 0s} turns it off. A lone instance does not probe
 * @param cachedEvents       events kept in memory for processors following the head of the store
 * @param readYourWrites     how long a web request that changed something waits, at most, for the read models of
 *                           this instance to show the change before it answers ({@code 0s}: do not wait)
 */
@Validated
@ConfigurationProperties("engine.pipeline")
public record PipelineProperties(
        Duration backstopPoll,
        @DefaultValue("100ms") Duration clusterProbe,
        @Min(1) @DefaultValue("10000") int cachedEvents,
        @DefaultValue("2s") Duration readYourWrites) {

    static final Duration CLUSTERED_BACKSTOP = Duration.ofSeconds(1);
    static final Duration SINGLE_INSTANCE_BACKSTOP = Duration.ofSeconds(10);

    /** The backstop poll in effect: the configured one, or the default for this deployment. */
    public Duration backstopPoll(boolean clustered) {
        if (backstopPoll != null) {
            return backstopPoll;
        }
        return clustered ? CLUSTERED_BACKSTOP : SINGLE_INSTANCE_BACKSTOP;
    }
}
