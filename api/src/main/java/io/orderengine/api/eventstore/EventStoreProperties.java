package io.orderengine.api.eventstore;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the event store ({@code engine.event-store.*}).
 *
 * @param gapTimeout   how long tracking processors wait for a commit that got its positions but has not written them
 *                     yet; a commit slower than this is still stored and replayed, but not seen live by a processor
 *                     already past it (docs/adr/0001-event-store.md)
 * @param batchSize    events per aggregate-load block and per tracking read
 * @param maxGapOffset open gaps further than this many positions behind a token are dropped (bounds token size)
 */
@Validated
@ConfigurationProperties("engine.event-store")
public record EventStoreProperties(@DefaultValue("60s") Duration gapTimeout,
                                   @Min(1) @DefaultValue("100") int batchSize,
                                   @Min(1) @DefaultValue("100000") int maxGapOffset) {
}
