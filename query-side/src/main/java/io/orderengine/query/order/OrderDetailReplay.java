package io.orderengine.query.order;

import java.util.Optional;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

/**
 * Rebuilds one order's detail from its events in memory, with the very handlers of {@link OrderDetailProjection}:
 * "the order as it was at time T" is this replay over the events stamped at or before T. Nothing is read from or
 * written to the read model.
 */
public final class OrderDetailReplay {

    private OrderDetailReplay() {}

    /**
     * The detail of the order whose events are {@code events} (one aggregate, in sequence order, as domain event
     * messages so sequence numbers and timestamps are known); empty when they do not include its placement.
     */
    public static Optional<OrderView> rebuild(Iterable<? extends EventMessage<?>> events) {
        OrderDetailProjection projection = OrderDetailProjection.inMemory();
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        String orderId = null;
        for (EventMessage<?> event : events) {
            if (orderId == null && event instanceof DomainEventMessage<?> domainEvent) {
                orderId = domainEvent.getAggregateIdentifier();
            }
            try {
                if (handlers.canHandle(event)) {
                    handlers.handle(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException(
                        "could not apply " + event.getPayloadType().getSimpleName() + " to the order detail", e);
            }
        }
        Document document = orderId == null ? null : projection.document(orderId);
        return Optional.ofNullable(document).map(OrderDocuments::toView);
    }
}
