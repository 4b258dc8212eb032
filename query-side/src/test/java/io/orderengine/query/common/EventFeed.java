package io.orderengine.query.common;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Plays events to projections the way a tracking processor does: as domain event messages with the aggregate's
 * sequence numbers and timestamps, through Axon's annotation handling ({@code @EventHandler} selection,
 * {@code @SequenceNumber}, {@code @Timestamp}, {@code @ResetHandler}). Remembers what it published so a test can
 * re-deliver an event or replay the whole stream.
 */
public final class EventFeed {

    private final List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
    private final List<DomainEventMessage<?>> published = new ArrayList<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private Consumer<DomainEventMessage<?>> sink = message -> {};

    public EventFeed(Object... projections) {
        for (Object projection : projections) {
            handlers.add(new AnnotationEventHandlerAdapter(projection));
        }
    }

    /** Also hands every published event to {@code sink} (an event store), after the projections. */
    public EventFeed alsoTo(Consumer<DomainEventMessage<?>> sink) {
        this.sink = sink;
        return this;
    }

    /** Publishes the next event of aggregate {@code aggregateId}, stamped {@code at}. */
    public DomainEventMessage<?> publish(String aggregateType, String aggregateId, Object event, Instant at) {
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(
                aggregateType,
                aggregateId,
                sequence,
                event,
                Map.of(),
                UUID.randomUUID().toString(),
                at);
        published.add(message);
        deliver(message);
        sink.accept(message);
        return message;
    }

    /** Delivers an already published event again, as a processor does after a crash before storing its token. */
    public void redeliver(DomainEventMessage<?> message) {
        deliver(message);
    }

    /** Delivers every published event again, in order. */
    public void redeliverAll() {
        published.forEach(this::deliver);
    }

    /** Resets the projections ({@code @ResetHandler}) and plays every published event again, as a rebuild does. */
    public void replay() {
        handlers.forEach(AnnotationEventHandlerAdapter::prepareReset);
        redeliverAll();
    }

    public List<DomainEventMessage<?>> published() {
        return List.copyOf(published);
    }

    private void deliver(DomainEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter handler : handlers) {
            try {
                if (handler.canHandle(message)) {
                    handler.handle(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException(
                        "handler failed on " + message.getPayloadType().getSimpleName(), e);
            }
        }
    }
}
