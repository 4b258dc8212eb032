package io.orderengine.api.cluster;

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
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which engine instances share this store right now: each instance writes a heartbeat to {@value #COLLECTION}
 * every {@link #HEARTBEAT}; an instance whose heartbeat is older than {@link #LIVENESS} counts as gone (a killed
 * instance drops out after that time; a stopped one removes itself at once). Used to divide event-processor
 * segments fairly ({@link SegmentBalancer}). Heartbeats are plain upserts by {@code _id}: nothing is claimed.
 */
@Component
public class ClusterMembership {

    static final String COLLECTION = "cluster_members";
    static final Duration HEARTBEAT = Duration.ofSeconds(3);
    static final Duration LIVENESS = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

    private final MongoCollection<Document> members;
    private final Clock clock;
    private final String instanceId;

    public ClusterMembership(MongoDatabase database, Clock clock) {
        this.members = database.getCollection(COLLECTION);
        this.clock = clock;
        this.instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        heartbeat();
        log.info("Cluster: this engine instance is {}", instanceId);
    }

    /** This instance's name in the membership (and in logs): process id @ host / random suffix. */
    public String instanceId() {
        return instanceId;
    }

    @Scheduled(fixedDelay = 3000, initialDelay = 3000)
    void heartbeat() {
        try {
            members.updateOne(Filters.eq("_id", instanceId), Updates.set("heartbeatAt", Date.from(clock.instant())),
                    new UpdateOptions().upsert(true));
        } catch (RuntimeException e) {
            log.warn("Cluster: heartbeat failed", e);
        }
    }

    /** Instances with a recent heartbeat, this one included (at least 1). */
    public int liveInstances() {
        long live = members.countDocuments(Filters.gte("heartbeatAt", Date.from(clock.instant().minus(LIVENESS))));
        return (int) Math.max(1, live);
    }

    @PreDestroy
    void leave() {
        try {
            members.deleteOne(Filters.eq("_id", instanceId));
        } catch (RuntimeException e) {
            log.debug("Cluster: could not remove the heartbeat of {}", instanceId, e);
        }
    }
}
