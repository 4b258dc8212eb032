package io.orderengine.saga.checkout;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.OrderNumber;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentMethod;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Orders as the checkout saga sees them: two T-shirts and a mug, 67.50 EUR with shipping. */
final class OrderFixtures {

    static final OrderId ORDER_ID = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    static final SkuCode SHIRT = new SkuCode("TSHIRT-RED-M");
    static final SkuCode MUG = new SkuCode("MUG-BLUE");
    static final Money TOTAL = Money.of(6750, "EUR");

    private OrderFixtures() {
    }

    static OrderPlacedEvent aPlacedOrder() {
        return aPlacedOrder(PaymentMethod.SANDBOX);
    }

    static OrderPlacedEvent aPlacedOrder(PaymentMethod method) {
        Money shirtPrice = Money.of(2500, "EUR");
        Money mugPrice = Money.of(1250, "EUR");
        List<OrderLine> lines = List.of(
                OrderLine.of(SHIRT, "Red T-shirt M", shirtPrice, 1, Map.of("color", "red"), null),
                OrderLine.of(MUG, "Blue mug", mugPrice, 1, Map.of(), null),
                OrderLine.of(SHIRT, "Red T-shirt M", shirtPrice, 1, Map.of("color", "red"), null));
        Money subtotal = Money.of(6250, "EUR");
        OrderTotals totals = new OrderTotals(subtotal, Money.zero("EUR"), Money.of(500, "EUR"), Money.zero("EUR"), TOTAL, 0);
        Address address = new Address("Noa Cohen", "+972501112233", "5 Rothschild Blvd", null, "Tel Aviv", null, "6688101", "IL");
        return new OrderPlacedEvent(ORDER_ID, OrderNumber.of(LocalDate.of(2025, 11, 22), 1),
                CustomerRef.customer("alice", "alice@example.com"), lines, totals, address, null, method, null, null,
                Instant.parse("2025-11-22T10:00:00Z"), Actor.customer("alice"));
    }
}
