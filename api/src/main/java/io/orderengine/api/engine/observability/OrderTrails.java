package io.orderengine.api.engine.observability;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.RefundRequestedEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * What the business meters remember of each recent order (payment method, when it was placed and when each checkout
 * step began), so that events which do not name the provider, and step durations, can be measured. Kept for the
 * most recent orders in memory; an order not in memory (placed before this process started, or pushed out) is read
 * back from its own events in the store, up to the event being handled.
 */
@Component
public class OrderTrails {

    static final int REMEMBERED = 10_000;

    /** An order's checkout so far, as the meters need it. */
    static final class Trail {
        PaymentMethod method;
        Instant placedAt;
        Instant awaitingSince;
        Instant authorizedAt;
        Instant refundRequestedAt;

        /** Takes an order event in (state only, no meter). */
        void advance(Object event, Instant at) {
            if (event instanceof OrderPlacedEvent placed) {
                method = placed.paymentMethod();
                placedAt = at;
            } else if (event instanceof OrderAwaitingPaymentEvent awaiting) {
                method = awaiting.provider();
                awaitingSince = at;
            } else if (event instanceof PaymentAttemptStartedEvent attempt) {
                method = attempt.provider();
                authorizedAt = null;
            } else if (event instanceof PaymentAuthorizedEvent authorized) {
                method = authorized.provider();
                authorizedAt = at;
            } else if (event instanceof OrderConfirmedEvent confirmed) {
                method = confirmed.provider();
            } else if (event instanceof RefundRequestedEvent) {
                refundRequestedAt = at;
            } else if (event instanceof PaymentRefundedEvent) {
                refundRequestedAt = null;
            }
        }
    }

    private final EventStore eventStore;
    private final Map<String, Trail> trails = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Trail> eldest) {
            return size() > REMEMBERED;
        }
    };

    public OrderTrails(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The order's trail before {@code handled} (read from the store when not in memory). */
    synchronized Trail of(OrderId orderId, EventMessage<?> handled) {
        Trail trail = trails.get(orderId.value());
        if (trail == null) {
            trail = readBack(orderId.value(), handled);
            trails.put(orderId.value(), trail);
        }
        return trail;
    }

    private Trail readBack(String orderId, EventMessage<?> handled) {
        Trail trail = new Trail();
        if (eventStore == null
                || !(handled instanceof DomainEventMessage<?> domain)
                || domain.getSequenceNumber() == 0) {
            // an order's first event (its placing) has nothing before it to read: no store query for a new order
            return trail;
        }
        try {
            eventStore.readEvents(orderId).asStream().forEach(event -> {
                if (event.getSequenceNumber() < domain.getSequenceNumber()) {
                    trail.advance(event.getPayload(), event.getTimestamp());
                }
            });
        } catch (RuntimeException e) {
            // a snapshot or a store hiccup: measure without this order's history (provider "unknown")
        }
        return trail;
    }
}
