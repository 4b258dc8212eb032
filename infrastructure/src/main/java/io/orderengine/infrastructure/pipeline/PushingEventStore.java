package io.orderengine.infrastructure.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's {@link EmbeddedEventStore} with events pushed to the processors of this instance as soon as they are read.
 *
 * <p>The embedded store already wakes its reader thread when a commit in this JVM ends, and caches what it reads for
 * every tailing stream. But its streams do not support {@link BlockingStream#setOnAvailableCallback}, so a pooled
 * streaming processor's coordinator cannot be told that events arrived: it looks again after 500 ms. Every hop of
 * the pipeline (order placed → saga → stock reserved → saga → payment requested → read model) waited for that timer.
 * Here every stream accepts the callback, and one <em>pulse</em> thread follows the head of the cache: when the
 * reader has linked new events into the cache, the pulse wakes (on the same condition the tailing streams wait on)
 * and runs the callbacks, so each coordinator fetches at once.
 *
 * <p>Other instances' commits are not signalled in this JVM. With a <em>probe</em> (several instances on one store),
 * the pulse reads the store's last allocated position every probe interval and, when it is beyond the last event it
 * has seen, wakes the reader at once; it wakes it again on the next probes (a commit's positions are allocated
 * before its events are written) for at most {@code MAX_WAKES} probes per position, after which the reader's poll
 * ({@code fetchDelay}) is the backstop, as it is without a probe. After {@code QUIET_AFTER} without any event
 * the probe runs {@code QUIET_FACTOR} times less often, until the next event (each probe is a store read). Appended domain events are also reported to
 * {@link WriteCapture}, so a web request can wait until the read models have seen what its command wrote.
 */
public class PushingEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(PushingEventStore.class);

    /** Probes that may wake the reader for one allocated position it has not seen (an unwritten one stays a gap). */
    static final int MAX_WAKES = 10;
    /** After this long without events the probe runs {@link #QUIET_FACTOR} times less often (an idle cluster). */
    static final Duration QUIET_AFTER = Duration.ofSeconds(10);

    static final int QUIET_FACTOR = 5;

    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private final LongSupplier allocatedHead;
    private final long probeNanos;
    private final long quietAfterNanos;
    private final AtomicLong probeWakes = new AtomicLong();
    private volatile Thread pulse;
    private volatile boolean stopped;
    private long probedPosition = -1;
    private int wakesForProbed;

    protected PushingEventStore(Builder builder) {
        super(builder);
        this.allocatedHead = builder.allocatedHead;
        this.probeNanos = builder.probeInterval == null ? 0 : builder.probeInterval.toNanos();
        this.quietAfterNanos = builder.quietAfter.toNanos();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        super.prepareCommit(events);
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                WriteCapture.appended(domainEvent);
            }
        }
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        ensurePulse();
        return new CallbackStream(super.openStream(trackingToken));
    }

    @Override
    public void shutDown() {
        stopped = true;
        Thread running = pulse;
        if (running != null) {
            running.interrupt();
        }
        super.shutDown();
    }

    /** Streams and callbacks registered now (for tests and inspection). */
    int callbackCount() {
        return callbacks.size();
    }

    /** How often a probe found positions this instance had not seen and woke the reader (for tests and inspection). */
    long probeWakes() {
        return probeWakes.get();
    }

    private synchronized void ensurePulse() {
        if (pulse != null || stopped) {
            return;
        }
        // opened here, not in the thread, so that every commit after the first stream was opened is seen
        TrackingToken headToken = createHeadToken();
        TrackingEventStream head = super.openStream(headToken);
        long headPosition = headToken == null ? -1 : headToken.position().orElse(-1);
        Thread thread = new Thread(() -> followHead(head, headPosition), "event-pulse");
        thread.setDaemon(true);
        pulse = thread;
        thread.start();
    }

    /**
     * Follows the head of the store (from where it is now) and runs every callback after each arrival; with a probe,
     * looks for other instances' commits every probe interval.
     */
    private void followHead(TrackingEventStream head, long headPosition) {
        boolean probing = allocatedHead != null && probeNanos > 0;
        long seen = headPosition;
        long lastArrival = System.nanoTime();
        long nextProbe = lastArrival + probeNanos;
        try {
            while (!stopped) {
                long waitNanos = !probing
                        ? TimeUnit.SECONDS.toNanos(1)
                        : System.nanoTime() - lastArrival < quietAfterNanos ? probeNanos : probeNanos * QUIET_FACTOR;
                if (head.hasNextAvailable((int) TimeUnit.NANOSECONDS.toMillis(waitNanos), TimeUnit.MILLISECONDS)) {
                    while (head.hasNextAvailable()) {
                        seen = Math.max(seen, position(head.nextAvailable()));
                    }
                    lastArrival = System.nanoTime();
                    callbacks.forEach(PushingEventStore::runQuietly);
                }
                if (probing && System.nanoTime() - nextProbe >= 0) {
                    probe(seen);
                    nextProbe = System.nanoTime() + waitNanos;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped) {
                log.warn("The event pulse stopped; processors fall back to polling", e);
            }
        } finally {
            head.close();
        }
    }

    /**
     * Wakes the reader when a position beyond the newest event seen here has been allocated (by another instance: this
     * instance's commits wake it themselves), at most {@link #MAX_WAKES} times for the same allocated position.
     */
    private void probe(long seen) {
        long allocated;
        try {
            allocated = allocatedHead.getAsLong();
        } catch (RuntimeException e) {
            log.debug("The event store probe failed; the reader's poll remains", e);
            return;
        }
        if (allocated != probedPosition) {
            probedPosition = allocated;
            wakesForProbed = 0;
        }
        if (allocated > seen && wakesForProbed < MAX_WAKES) {
            wakesForProbed++;
            probeWakes.incrementAndGet();
            afterCommit(List.of());
        }
    }

    private static long position(TrackedEventMessage<?> event) {
        TrackingToken token = event.trackingToken();
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static void runQuietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.debug("An event-available callback failed", e);
        }
    }

    /** A stream of the embedded store that accepts an on-available callback. */
    private final class CallbackStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private CallbackStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable newCallback) {
            Runnable previous = callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            callback = newCallback;
            callbacks.add(newCallback);
            return true;
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }

    /** Builds a {@link PushingEventStore}; the same settings as {@link EmbeddedEventStore.Builder}. */
    public static class Builder extends EmbeddedEventStore.Builder {

        private LongSupplier allocatedHead;
        private Duration probeInterval;
        private Duration quietAfter = QUIET_AFTER;

        /**
         * Probes the store for other instances' commits every {@code interval} with {@code allocatedHead}, the last
         * position allocated by any instance. Without it (or with a zero interval) only the reader's poll finds them.
         */
        public Builder probe(LongSupplier allocatedHead, Duration interval) {
            this.allocatedHead = allocatedHead;
            this.probeInterval = interval;
            return this;
        }

        /** How long without events before the probe slows down ({@link #QUIET_AFTER} unless a test says otherwise). */
        Builder quietAfter(Duration quietAfter) {
            this.quietAfter = quietAfter;
            return this;
        }

        @Override
        public PushingEventStore build() {
            return new PushingEventStore(this);
        }
    }
}
