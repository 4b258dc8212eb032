package io.orderengine.api.shop.orders.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The order streams open on this instance and how they are kept honest: every {@code heartbeat}
 * ({@code engine.orders.stream-heartbeat}, default 10 s) a stream sends an SSE comment, so a stream whose client has
 * gone fails to write and is released within one or two heartbeats, and re-reads its order once, the backstop for a
 * change projected by another instance (changes projected here are pushed at once by the subscription query).
 * Exposed as the gauge {@code engine.orders.streams.open}.
 */
@Component
public class LiveOrderStreams {

    private final AtomicInteger open = new AtomicInteger();
    private final Duration heartbeat;

    LiveOrderStreams(
            @Value("${engine.orders.stream-heartbeat:10s}") Duration heartbeat, ObjectProvider<MeterRegistry> meters) {
        this.heartbeat = heartbeat;
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

    void opened() {
        open.incrementAndGet();
    }

    void released() {
        open.decrementAndGet();
    }
}
