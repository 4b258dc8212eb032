package io.orderengine.infrastructure.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Shares event-processor segments between the engine instances on one store, with Axon's own mechanism: segments
 * are claimed through the Mongo token store; this only gives back segments beyond a fair share. An instance that
 * holds more than {@code ceil(segments / live instances)} of a processor's segments releases the surplus with
 * {@link StreamingEventProcessor#releaseSegment(int, long, TimeUnit)} (it will not claim them again for
 * {@value #RELEASE_SECONDS} s), and another instance's processor claims them on its next scan. Nothing ever forces
 * a claim: when an instance dies, its token claims expire and the survivors' processors pick the segments up as
 * unclaimed ones, up to all of them (by then the dead instance no longer counts as live, see
 * {@link ClusterMembership}, so nothing is given back to it). A single instance never releases anything.
 * <p>
 * On when {@code engine.cluster.enabled=true} (several instances share this store); {@code
 * engine.cluster.balance-segments} overrides that either way. Off, the first instance to start holds every segment
 * and the others take over when it dies.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    static final long RELEASE_SECONDS = 10;

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final ClusterMembership membership;
    private final boolean enabled;

    SegmentBalancer(
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            ClusterMembership membership,
            @Value("${engine.cluster.balance-segments:${engine.cluster.enabled:false}}") boolean enabled) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.membership = membership;
        this.enabled = enabled;
    }

    /** Whether this instance gives back segments beyond its fair share. */
    boolean enabled() {
        return enabled;
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 5000)
    void balance() {
        if (!enabled) {
            return;
        }
        try {
            int instances = membership.liveInstances();
            if (instances < 2) {
                return;
            }
            for (Map.Entry<String, EventProcessor> entry :
                    processing.eventProcessors().entrySet()) {
                if (entry.getValue() instanceof StreamingEventProcessor processor && processor.isRunning()) {
                    balance(entry.getKey(), processor, instances);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Cluster: could not balance segments", e);
        }
    }

    private void balance(String name, StreamingEventProcessor processor, int instances) {
        int segments = tokenStore.fetchSegments(name).length;
        int fairShare = (segments + instances - 1) / instances;
        List<Integer> mine =
                processor.processingStatus().keySet().stream().sorted().toList();
        int surplus = mine.size() - fairShare;
        if (surplus <= 0) {
            return;
        }
        List<Integer> released = mine.subList(mine.size() - surplus, mine.size());
        log.info(
                "Cluster: {} holds {} of {} segments with {} instances live; releasing {}",
                name,
                mine.size(),
                segments,
                instances,
                released);
        released.forEach(segment -> processor.releaseSegment(segment, RELEASE_SECONDS, TimeUnit.SECONDS));
    }
}
