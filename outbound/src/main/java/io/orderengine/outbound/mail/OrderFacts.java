package io.orderengine.outbound.mail;

import io.orderengine.query.order.OrderView;
import java.time.Instant;
import java.util.List;

/**
 * What a message about an order needs to say: who it goes to, the order number, the lines and totals as placed.
 * Taken from the order's own placement event, so it does not wait for (or depend on) the order read model.
 *
 * @param customerId JWT subject of a signed-in customer; null for a guest
 */
public record OrderFacts(String orderId, String orderNumber, String email, String customerId, boolean guest,
                         List<OrderView.Line> lines, OrderView.Totals totals, OrderView.PostalAddress shippingAddress,
                         Instant placedAt) {

    public OrderFacts {
        lines = List.copyOf(lines);
    }

    public String currency() {
        return totals.currency();
    }

    static OrderFacts of(OrderView view) {
        return new OrderFacts(view.orderId(), view.orderNumber(), view.customer().email(),
                view.customer().customerId(), view.customer().guest(), view.lines(), view.totals(),
                view.shippingAddress(), view.placedAt());
    }
}
