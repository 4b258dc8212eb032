package io.orderengine.infrastructure.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * What the event processors of this instance have handled lately, so that a request can wait until the read models
 * have caught up with its own write ({@link #awaitHandled}). A processor reports an event once the unit of work that
 * handled it has committed (its read-model writes are done), through the {@link #interceptor} registered on it.
 *
 * <p>Per processor it keeps the highest handled sequence number of the most recently handled aggregates (bounded:
 * {@value #RECENT} aggregates). A processor handles one aggregate's events in order (one segment each), so having
 * handled sequence {@code n} of an aggregate means having handled everything before it.
 */
public class ProcessedEvents {

    static final int RECENT = 50_000;

    private final Map<String, Handled> processors = new ConcurrentHashMap<>();

    /** The interceptor to register on the processor named {@code processor}. */
    public MessageHandlerInterceptor<EventMessage<?>> interceptor(String processor) {
        Handled handled = handled(processor);
        return (unitOfWork, chain) -> {
            if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
                String aggregateId = event.getAggregateIdentifier();
                long sequence = event.getSequenceNumber();
                unitOfWork.afterCommit(u -> handled.record(aggregateId, sequence));
            }
            return chain.proceed();
        };
    }

    /**
     * Waits until the processor has handled the aggregate's event with this sequence number (or a later one), at
     * most {@code timeout}.
     *
     * @return whether it had, in time
     */
    public boolean awaitHandled(String processor, String aggregateId, long sequence, Duration timeout)
            throws InterruptedException {
        return handled(processor).await(aggregateId, sequence, System.nanoTime() + timeout.toNanos());
    }

    private Handled handled(String processor) {
        return processors.computeIfAbsent(processor, name -> new Handled());
    }

    /** One processor's recently handled aggregates. */
    private static final class Handled {

        private final Map<String, Long> recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > RECENT;
            }
        };

        synchronized void record(String aggregateId, long sequence) {
            recent.merge(aggregateId, sequence, Math::max);
            notifyAll();
        }

        synchronized boolean await(String aggregateId, long sequence, long deadline) throws InterruptedException {
            while (recent.getOrDefault(aggregateId, -1L) < sequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
