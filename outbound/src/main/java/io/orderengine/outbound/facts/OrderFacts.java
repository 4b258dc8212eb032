package io.orderengine.outbound.facts;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import java.time.Instant;
import java.util.List;

/**
 * What an e-mail, an invoice or a webhook about an order needs to say: who it goes to, the order number, the lines,
 * totals and addresses as placed (or as the last edit left them), and the moments it was confirmed (paid), shipped (its last shipment, with that
 * shipment's tracking number) and cancelled. Folded from the
 * order's own events ({@link #placed}, {@link #apply}); {@code sequence} is the sequence number of the last of those
 * events folded in, so folding an event again changes nothing.
 *
 * @param customerId      JWT subject of a signed-in customer; null for a guest
 * @param billingAddress  null when the order is billed to its shipping address
 * @param confirmedAt     the first confirmation (payment), the invoice date; null while unpaid
 * @param refundedTotal   everything refunded so far; null before the first refund
 */
public record OrderFacts(
        String orderId,
        String orderNumber,
        String email,
        String customerId,
        boolean guest,
        List<OrderLine> lines,
        OrderTotals totals,
        Address shippingAddress,
        Address billingAddress,
        Instant placedAt,
        Instant confirmedAt,
        Instant shippedAt,
        String trackingNumber,
        Instant cancelledAt,
        Money refundedTotal,
        long sequence) {

    public OrderFacts {
        lines = List.copyOf(lines);
    }

    /** The facts of an order just placed by {@code event}, the order's event number {@code sequence}. */
    public static OrderFacts placed(OrderPlacedEvent event, long sequence) {
        return new OrderFacts(
                event.orderId().value(),
                event.orderNumber().value(),
                event.customer().email(),
                event.customer().customerId(),
                event.customer().isGuest(),
                event.lines(),
                event.totals(),
                event.shippingAddress(),
                event.billingAddress(),
                event.placedAt(),
                null,
                null,
                null,
                null,
                null,
                sequence);
    }

    /**
     * These facts after the order's event {@code sequence} (stored at {@code at}): changed by an edit, a
     * confirmation, a shipment, a cancellation or a refund; any other event only moves {@code sequence}. An event at or below
     * {@link #sequence()} was folded in already and changes nothing.
     */
    public OrderFacts apply(Object event, long sequence, Instant at) {
        if (sequence <= this.sequence) {
            return this;
        }
        Instant confirmed = confirmedAt;
        Instant shipped = shippedAt;
        String tracking = trackingNumber;
        Instant cancelled = cancelledAt;
        Money refunded = refundedTotal;
        List<OrderLine> newLines = lines;
        OrderTotals newTotals = totals;
        Address shipTo = shippingAddress;
        if (event instanceof OrderEditedEvent edited) {
            newLines = edited.lines();
            newTotals = edited.totals();
            shipTo = edited.shippingAddress();
        } else if (event instanceof OrderEditRolledBackEvent rolledBack) {
            newLines = rolledBack.lines();
            newTotals = rolledBack.totals();
            shipTo = rolledBack.shippingAddress();
        } else if (event instanceof OrderConfirmedEvent && confirmed == null) {
            confirmed = at;
        } else if (event instanceof ShipmentCreatedEvent shipment) {
            shipped = at;
            tracking = shipment.trackingNumber() == null ? tracking : shipment.trackingNumber();
        } else if (event instanceof OrderShippedEvent shipment && shipped == null) {
            // an order shipped before shipments were tracked; otherwise its shipments said when and how already
            shipped = at;
            tracking = shipment.trackingNumber();
        } else if (event instanceof OrderCancelledEvent) {
            cancelled = at;
        } else if (event instanceof PaymentRefundedEvent refund) {
            refunded = refund.totalRefunded();
        }
        return new OrderFacts(
                orderId,
                orderNumber,
                email,
                customerId,
                guest,
                newLines,
                newTotals,
                shipTo,
                billingAddress,
                placedAt,
                confirmed,
                shipped,
                tracking,
                cancelled,
                refunded,
                sequence);
    }

    public String currency() {
        return totals.currency();
    }

    /** Whether the order was ever paid (and so has an invoice), whatever happened to it since. */
    public boolean confirmed() {
        return confirmedAt != null;
    }
}
