package io.orderengine.api.admin.audit;

import io.orderengine.messages.common.OrderId;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * An order's events straight from the event store, in sequence order, from the very first (snapshots are not
 * consulted, so nothing is summarized away). Empty when there is no order with that id.
 */
@Component
public class OrderEventLog {

    static final String ORDER_AGGREGATE = "Order";

    private final EventStore eventStore;

    public OrderEventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<? extends DomainEventMessage<?>> events(OrderId orderId) {
        List<? extends DomainEventMessage<?>> events =
                eventStore.readEvents(orderId.value(), 0L).asStream().toList();
        boolean order =
                !events.isEmpty() && ORDER_AGGREGATE.equals(events.get(0).getType());
        return order ? events : List.of();
    }
}
