package io.orderengine.infrastructure.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
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
 * <p>Other instances' commits are not signalled in this JVM: the reader's poll ({@code fetchDelay}) is their
 * backstop, as before. Appended domain events are also reported to {@link WriteCapture}, so a web request can wait
 * until the read models have seen what its command wrote.
 */
public class PushingEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(PushingEventStore.class);

    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private volatile Thread pulse;
    private volatile boolean stopped;

    protected PushingEventStore(Builder builder) {
        super(builder);
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

    private synchronized void ensurePulse() {
        if (pulse != null || stopped) {
            return;
        }
        // opened here, not in the thread, so that every commit after the first stream was opened is seen
        TrackingEventStream head = super.openStream(createHeadToken());
        Thread thread = new Thread(() -> followHead(head), "event-pulse");
        thread.setDaemon(true);
        pulse = thread;
        thread.start();
    }

    /** Follows the head of the store (from where it is now) and runs every callback after each arrival. */
    private void followHead(TrackingEventStream head) {
        try {
            while (!stopped) {
                if (head.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    while (head.hasNextAvailable()) {
                        head.nextAvailable();
                    }
                    callbacks.forEach(PushingEventStore::runQuietly);
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

        @Override
        public PushingEventStore build() {
            return new PushingEventStore(this);
        }
    }
}
