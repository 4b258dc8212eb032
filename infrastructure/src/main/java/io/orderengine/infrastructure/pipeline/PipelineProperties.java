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
 *                           commits of other instances are noticed (those of this instance are pushed at once)
 * @param cachedEvents       events kept in memory for processors following the head of the store
 * @param readYourWrites     how long a web request that changed something waits, at most, for the read models of
 *                           this instance to show the change before it answers ({@code 0s}: do not wait)
 */
@Validated
@ConfigurationProperties("engine.pipeline")
public record PipelineProperties(
        @DefaultValue("1s") Duration backstopPoll,
        @Min(1) @DefaultValue("10000") int cachedEvents,
        @DefaultValue("2s") Duration readYourWrites) {}
