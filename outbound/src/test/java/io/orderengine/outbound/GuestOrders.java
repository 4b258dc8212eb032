package io.orderengine.outbound;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.testkit.OrderFixtures;
import io.orderengine.testkit.PlacedOrder;
import java.time.Instant;
import java.util.Map;

/**
 * The order the outbound tests mail, invoice and post about, built with testkit's fixtures: two blue mugs at €12.50
 * shipped to Israel (18 % VAT), €35.40 in all.
 */
public final class GuestOrders {

    public static final String NUMBER = "ORD-20250301-000007";

    private GuestOrders() {}

    public static OrderPlacedEvent aPlacedGuestOrder(OrderId orderId, String email) {
        return twoMugs(orderId).byGuest(email, "ab".repeat(32)).build();
    }

    public static OrderPlacedEvent aPlacedCustomerOrder(OrderId orderId, String subject, String email) {
        return twoMugs(orderId).byCustomer(subject, email).build();
    }

    /** The saga confirms the order after capturing its €35.40. */
    public static OrderConfirmedEvent confirmed(OrderId orderId) {
        return OrderFixtures.confirmed(aPlacedGuestOrder(orderId, "guest@example.com"));
    }

    private static PlacedOrder twoMugs(OrderId orderId) {
        return OrderFixtures.aPlacedOrder()
                .id(orderId)
                .number(NUMBER)
                .withLines(OrderLine.of(
                        new SkuCode("MUG-BLUE"), "Blue mug", OrderFixtures.eur(1250), 2, Map.of("color", "blue"), null))
                .shippedTo(OrderFixtures.ROTHSCHILD_BLVD)
                .withNotes(null)
                .placedAt(Instant.parse("2025-03-01T10:00:00Z"));
    }
}
