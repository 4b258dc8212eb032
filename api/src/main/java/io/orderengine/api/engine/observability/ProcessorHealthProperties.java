package io.orderengine.api.engine.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When the event processors make an instance not ready ({@link ProcessorsHealthIndicator}).
 *
 * @param maxLag         events a processor may be behind the head of the event store
 * @param grace          how long it may stay further behind than {@code maxLag} (a burst) before the instance is not
 *                       ready
 * @param sampleInterval how often lag and dead letters are measured for the meters (the health check measures anew
 *                       when the last measurement is older than a second)
 */
@ConfigurationProperties("engine.health.processors")
public record ProcessorHealthProperties(Long maxLag, Duration grace, Duration sampleInterval) {

    public ProcessorHealthProperties {
        maxLag = maxLag == null ? 500L : maxLag;
        grace = grace == null ? Duration.ofSeconds(60) : grace;
        sampleInterval = sampleInterval == null ? Duration.ofSeconds(5) : sampleInterval;
    }
}
