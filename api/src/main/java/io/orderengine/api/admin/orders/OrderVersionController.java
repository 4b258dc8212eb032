package io.orderengine.api.admin.orders;

import io.orderengine.api.admin.audit.OrderEventLog;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.OrderIds;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.query.order.OrderDetailReplay;
import io.orderengine.query.order.OrderView;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/orders/{id}/versions/{n}}: the order as it was at version {@code n} (1 = as placed, one
 * more with each edit and with each rollback of an edit), rebuilt from its events with the order detail's own handlers: every event up to the edit that
 * made version {@code n+1}. 404 for an unknown order or a version it never had.
 */
@RestController
class OrderVersionController {

    private final OrderEventLog events;

    OrderVersionController(OrderEventLog events) {
        this.events = events;
    }

    @GetMapping("/api/v1/admin/orders/{id}/versions/{n}")
    OrderView version(@PathVariable String id, @PathVariable String n) {
        OrderId orderId = OrderIds.fromPath(id);
        int version = version(n);
        List<DomainEventMessage<?>> upTo = new ArrayList<>();
        int reached = 1;
        for (DomainEventMessage<?> event : events.events(orderId)) {
            int made = versionMadeBy(event.getPayload());
            if (made > 0) {
                if (made > version) {
                    break;
                }
                reached = made;
            }
            upTo.add(event);
        }
        if (reached != version) {
            throw ApiException.notFound("Version " + n + " of order " + id);
        }
        return OrderDetailReplay.rebuild(upTo).orElseThrow(() -> ApiException.notFound("Order " + id));
    }

    /** The version an edit, or the rollback of one, made; 0 for any other event. */
    private static int versionMadeBy(Object payload) {
        if (payload instanceof OrderEditedEvent edited) {
            return edited.version();
        }
        return payload instanceof OrderEditRolledBackEvent rolledBack ? rolledBack.version() : 0;
    }

    private static int version(String n) {
        try {
            int version = Integer.parseInt(n);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below like any other version that does not exist
        }
        throw ApiException.notFound("Version " + n);
    }
}
