package io.orderengine.infrastructure.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The domain events a piece of work appended, seen from the thread that did it. A web request runs its command in
 * its own thread (the command bus is synchronous), so it can {@link #capture} what the command wrote and then wait
 * until the read models have handled it ({@link ProcessedEvents}). Events appended outside a capture (sagas,
 * deadlines, other requests) are not recorded.
 */
public final class WriteCapture {

    private static final ThreadLocal<List<Written>> CURRENT = new ThreadLocal<>();

    private WriteCapture() {}

    /** One appended event: which aggregate, its sequence number in that aggregate, and its payload type. */
    public record Written(String aggregateId, long sequence, Class<?> payloadType) {}

    /** The result of a captured piece of work and the events it appended. */
    public record Captured<T>(T result, List<Written> written) {}

    /** Runs the work and returns what it returned with the events it appended (in this thread). */
    public static <T> Captured<T> capture(Supplier<T> work) {
        List<Written> outer = CURRENT.get();
        List<Written> written = new ArrayList<>();
        CURRENT.set(written);
        try {
            T result = work.get();
            return new Captured<>(result, List.copyOf(written));
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                outer.addAll(written);
                CURRENT.set(outer);
            }
        }
    }

    static void appended(DomainEventMessage<?> event) {
        List<Written> written = CURRENT.get();
        if (written != null) {
            written.add(new Written(event.getAggregateIdentifier(), event.getSequenceNumber(), event.getPayloadType()));
        }
    }
}
