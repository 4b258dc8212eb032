package io.orderengine.api.shop.orders.live;

import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells the live order streams of this instance that their order has a new event, whichever instance stored it.
 *
 * <p>A stream's subscription query only hears of the events this instance's order detail projection handles. With
 * several instances ({@code engine.cluster.enabled}) an order's events may be projected by a segment another instance
 * holds, and the stream would only notice at its next heartbeat. So, in a cluster and from the first stream opened
 * on, one thread follows the event store from its head (other instances' commits reach it with the store's backstop
 * poll, 1 s in a cluster) and calls the watchers of the order an event belongs to; the stream then reads its order
 * again. A lone instance projects every event itself and never starts the thread: {@link #watch} does nothing there.
 */
@Component
public class OtherInstancesChanges {

    private static final Logger log = LoggerFactory.getLogger(OtherInstancesChanges.class);

    private final EventStore events;
    private final boolean clustered;
    private final Map<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();
    private volatile Thread follower;
    private volatile boolean stopped;

    OtherInstancesChanges(EventStore events, @Value("${engine.cluster.enabled:false}") boolean clustered) {
        this.events = events;
        this.clustered = clustered;
    }

    /**
     * Calls {@code onEvent} (on the follower's thread: it must return at once) for each event of the order stored
     * from about now on, until the returned handle is closed. In a lone instance it is never called.
     */
    public AutoCloseable watch(String orderId, Runnable onEvent) {
        if (!clustered) {
            return () -> {};
        }
        watchers.computeIfAbsent(orderId, id -> new CopyOnWriteArraySet<>()).add(onEvent);
        startFollowing();
        return () -> watchers.computeIfPresent(orderId, (id, set) -> {
            set.remove(onEvent);
            return set.isEmpty() ? null : set;
        });
    }

    private synchronized void startFollowing() {
        if (follower != null || stopped) {
            return;
        }
        follower = new Thread(this::follow, "order-streams-follower");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        TrackingToken position = null;
        while (!stopped) {
            try (BlockingStream<TrackedEventMessage<?>> stream =
                    events.openStream(position != null ? position : events.createHeadToken())) {
                while (!stopped) {
                    if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        continue;
                    }
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    position = event.trackingToken();
                    if (event instanceof DomainEventMessage<?> domain) {
                        Set<Runnable> orderWatchers = watchers.get(domain.getAggregateIdentifier());
                        if (orderWatchers != null) {
                            orderWatchers.forEach(OtherInstancesChanges::notify);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                // the store may be briefly unreachable: open the stream again from where it was, a second later
                log.debug("following the event store for the live order streams failed; trying again", e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void notify(Runnable watcher) {
        try {
            watcher.run();
        } catch (RuntimeException e) {
            log.debug("an order stream's watcher failed", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        Thread thread = follower;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
