package io.orderengine.outbound.mail;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.OrderNumber;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentMethod;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Events of one guest order: two blue mugs at €12.50 shipped to Israel (18 % VAT), €35.40 in all. */
public final class OrderFixtures {

    public static final String NUMBER = "ORD-20250301-000007";

    private OrderFixtures() {
    }

    public static OrderPlacedEvent aPlacedGuestOrder(OrderId orderId, String email) {
        return placed(orderId, CustomerRef.guest(email, "ab".repeat(32)), Actor.guest(orderId.value()));
    }

    public static OrderPlacedEvent aPlacedCustomerOrder(OrderId orderId, String subject, String email) {
        return placed(orderId, CustomerRef.customer(subject, email), Actor.customer(subject));
    }

    private static OrderPlacedEvent placed(OrderId orderId, CustomerRef customer, Actor actor) {
        List<OrderLine> lines = List.of(OrderLine.of(new SkuCode("MUG-BLUE"), "Blue mug", eur(1250), 2,
                Map.of("color", "blue"), null));
        OrderTotals totals = new OrderTotals(eur(2500), eur(0), eur(500), eur(540), eur(3540), 1800);
        Address address = new Address("Noa Cohen", "+972501112233", "5 Rothschild Blvd", null, "Tel Aviv", null,
                "6688101", "IL");
        return new OrderPlacedEvent(orderId, new OrderNumber(NUMBER), customer, lines, totals, address, null,
                PaymentMethod.SANDBOX, null, null, Instant.parse("2025-03-01T10:00:00Z"), actor);
    }

    public static OrderConfirmedEvent confirmed(OrderId orderId) {
        return new OrderConfirmedEvent(orderId, OrderStatus.AWAITING_PAYMENT, PaymentMethod.SANDBOX, "cap-1", eur(3540),
                Actor.system("checkout-saga"), "paid");
    }

    public static OrderShippedEvent shipped(OrderId orderId, String trackingNumber) {
        return new OrderShippedEvent(orderId, OrderStatus.PROCESSING, trackingNumber, LocalDate.of(2025, 3, 5),
                Actor.admin("admin-1"), "sent");
    }

    /** {@code event} as the order's event number {@code sequence}, as the event store hands it to processors. */
    public static DomainEventMessage<?> message(OrderId orderId, long sequence, Object event) {
        return new GenericDomainEventMessage<>("Order", orderId.value(), sequence, event);
    }

    public static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }
}
