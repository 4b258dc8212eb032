package io.orderengine.api.shop.orders.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The order streams open on this instance and how they are kept honest: every {@code heartbeat}
 * ({@code engine.orders.stream-heartbeat}, default 10 s) a stream sends an SSE comment, so a stream whose client has
 * gone fails to write and is released within one or two heartbeats, and re-reads its order once. Changes projected
 * here are pushed at once by the subscription query; in a cluster, a change another instance projected is noticed
 * when its event reaches this instance's event store ({@link OtherInstancesChanges}), the heartbeat's re-read being
 * the last backstop. Exposed as the gauge {@code engine.orders.streams.open}.
 * <p>When the instance shuts down, its open streams are ended at once (without the {@code end} event, so the page
 * connects again, to another instance or to this one restarted): otherwise the web server's graceful shutdown would
 * wait for each client to leave, up to the stream timeout (30 minutes for an order waiting for payment).
 */
@Component
public class LiveOrderStreams {

    private final AtomicInteger open = new AtomicInteger();
    private final Set<Runnable> endings = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;
    private final Duration heartbeat;
    private final OtherInstancesChanges otherInstances;
    private final ApplicationContext context;

    LiveOrderStreams(
            @Value("${engine.orders.stream-heartbeat:10s}") Duration heartbeat,
            OtherInstancesChanges otherInstances,
            ObjectProvider<MeterRegistry> meters,
            ApplicationContext context) {
        this.heartbeat = heartbeat;
        this.otherInstances = otherInstances;
        this.context = context;
        meters.ifAvailable(registry -> Gauge.builder("engine.orders.streams.open", open, AtomicInteger::get)
                .description("order status streams open on this instance")
                .register(registry));
    }

    /** Streams open now. */
    public int open() {
        return open.get();
    }

    Duration heartbeat() {
        return heartbeat;
    }

    /** Calls {@code onEvent} for each new event of the order that another instance may have projected. */
    AutoCloseable watch(String orderId, Runnable onEvent) {
        return otherInstances.watch(orderId, onEvent);
    }

    /** A stream opened; {@code end} ends it when the instance shuts down. */
    void opened(Runnable end) {
        open.incrementAndGet();
        endings.add(end);
        if (shuttingDown) {
            end.run();
        }
    }

    void released(Runnable end) {
        endings.remove(end);
        open.decrementAndGet();
    }

    /** Ends every open stream; runs before the web server's graceful shutdown, which then has none to wait for. */
    @EventListener
    void endAll(ContextClosedEvent closed) {
        if (closed.getApplicationContext() != context) {
            return; // a child context (a management server on a port of its own) closing
        }
        shuttingDown = true;
        endings.forEach(Runnable::run);
    }
}
