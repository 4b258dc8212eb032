package io.orderengine.api.admin.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Archival of finished orders ({@code engine.archive.*}).
 *
 * @param after delivered, cancelled and returned orders unchanged for this long leave the hot order read model
 *              for its archive (default 90 days)
 * @param cron  when the archival job runs, in UTC (default daily at 03:30)
 */
@ConfigurationProperties("engine.archive")
public record ArchiveProperties(
        @DefaultValue("90d") Duration after,
        @DefaultValue("0 30 3 * * *") String cron) {

    public ArchiveProperties {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("engine.archive.after must be positive");
        }
    }
}
