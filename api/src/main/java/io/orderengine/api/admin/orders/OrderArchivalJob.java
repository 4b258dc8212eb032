package io.orderengine.api.admin.orders;

import io.orderengine.query.order.OrderArchive;
import java.time.Clock;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves finished orders older than {@code engine.archive.after} out of the hot order read model, daily at
 * {@code engine.archive.cron} (UTC). Safe to run on every instance at once and to re-run: each move is idempotent.
 */
@Component
public class OrderArchivalJob {

    private final OrderArchive archive;
    private final ArchiveProperties properties;
    private final Clock clock;

    public OrderArchivalJob(OrderArchive archive, ArchiveProperties properties, Clock clock) {
        this.archive = archive;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${engine.archive.cron:0 30 3 * * *}", zone = "UTC")
    void daily() {
        archiveDue();
    }

    /** Archives what is due now; returns how many orders moved. */
    public int archiveDue() {
        return archive.archiveChangedBefore(cutoff());
    }

    /** Orders last changed before this moment are due. */
    public Instant cutoff() {
        return clock.instant().minus(properties.after());
    }
}
