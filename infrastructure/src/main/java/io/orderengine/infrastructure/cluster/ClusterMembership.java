package io.orderengine.infrastructure.cluster;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which engine instances share this store right now: each instance writes a heartbeat to {@value #COLLECTION}
 * every {@link #HEARTBEAT} once it is ready (its event processors run); an instance whose heartbeat is older than
 * {@link #LIVENESS} counts as gone (a killed instance drops out after that time; a stopped one removes itself at
 * once). Used to divide event-processor segments fairly ({@link SegmentBalancer}). A killed instance's token
 * claims become claimable 5 to 10 s after its death (claim timeout 10 s, claims extended at least every 5 s);
 * {@link #LIVENESS} is shorter than that, so it stops counting first and the survivors keep what they claim instead
 * of giving it back to an instance that is gone.
 * Heartbeats run on a thread of their own, so a slow scheduled job cannot make a live instance look dead.
 * Heartbeats are plain upserts by {@code _id}: nothing is claimed. A single instance (neither
 * {@code engine.cluster.enabled} nor {@code engine.cluster.balance-segments}) writes one heartbeat when it is ready and
 * none after it: nothing reads liveness then, and an idle engine should not write to its store every second. Liveness compares the writer's clock with the
 * reader's: instances on several hosts need synchronised clocks (NTP).
 */
@Component
public class ClusterMembership {

    static final String COLLECTION = "cluster_members";
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration LIVENESS = Duration.ofSeconds(4);

    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

    private final MongoCollection<Document> members;
    private final Clock clock;
    private final String instanceId;
    private final boolean clustered;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public ClusterMembership(
            MongoDatabase database,
            Clock clock,
            @Value("#{${engine.cluster.enabled:false} or ${engine.cluster.balance-segments:false}}")
                    boolean clustered) {
        this.members = database.getCollection(COLLECTION);
        this.clock = clock;
        this.clustered = clustered;
        this.instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * This instance's name in the membership, in logs and in {@code GET /api/v1/admin/projections}: the token
     * store's owner name of this process (process id @ host), a slash and a random suffix.
     */
    public String instanceId() {
        return instanceId;
    }

    @EventListener(ApplicationReadyEvent.class)
    void join() {
        if (clustered) {
            heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            heartbeats.execute(this::heartbeat);
        }
        log.info("Cluster: this engine instance is {}", instanceId);
    }

    void heartbeat() {
        try {
            members.updateOne(
                    Filters.eq("_id", instanceId),
                    Updates.set("heartbeatAt", Date.from(clock.instant())),
                    new UpdateOptions().upsert(true));
        } catch (RuntimeException e) {
            log.warn("Cluster: heartbeat failed", e);
        }
    }

    /** Instances with a recent heartbeat, this one included (at least 1; exactly 1 for a single instance). */
    public int liveInstances() {
        if (!clustered) {
            return 1;
        }
        long live = members.countDocuments(
                Filters.gte("heartbeatAt", Date.from(clock.instant().minus(LIVENESS))));
        return (int) Math.max(1, live);
    }

    @PreDestroy
    void leave() {
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            members.deleteOne(Filters.eq("_id", instanceId));
        } catch (RuntimeException e) {
            log.debug("Cluster: could not remove the heartbeat of {}", instanceId, e);
        }
    }
}
