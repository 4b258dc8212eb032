package io.orderengine.testkit;

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
import io.orderengine.messages.order.PaymentAction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Order messages for every module's tests, built one change at a time.
 *
 * <ul>
 *   <li>{@link #aPlacedOrder()}: an {@link OrderPlacedEvent} builder whose totals are worked out from its lines,
 *       shipping fee and tax rate; by default Alice's two-line EUR order shipped to Tel Aviv (79.06 EUR), with a
 *       fresh id and order number each time.</li>
 *   <li>{@link #aPlaceOrderCommand()} and {@link #aPlacedOrderHistory()} / {@link #anOrderIn(OrderStatus)}: the one
 *       order {@link #ORDER_ID} the aggregate tests follow, from the command through its events: Alice buys 2 red
 *       T-shirts at 25.00 EUR, shipped to Tel Aviv (18 % VAT) with 5.00 EUR shipping, so 50.00 + 5.00 + 9.90 tax =
 *       64.90 EUR ({@link #TOTALS}).</li>
 *   <li>{@link #confirmed(OrderPlacedEvent)} and {@link #shipped(OrderId, String)}: later events of any order.</li>
 * </ul>
 * This class holds the shared values (ids, actors, addresses, lines, totals) and the entry points; the builders are
 * {@link PlacedOrder} (events), {@link PlaceOrder} (the command) and {@link OrderHistory} (an order's event history).
 */
public final class OrderFixtures {

    public static final OrderId ORDER_ID = new OrderId("3f2b8c1e-5a4d-4e7f-9b6a-1c2d3e4f5a6b");
    public static final OrderNumber ORDER_NUMBER = new OrderNumber("ORD-20260115-000042");
    public static final Instant PLACED_AT = Instant.parse("2026-01-15T09:30:00Z");
    /** When {@link #aPlacedOrder()} places its orders unless told otherwise. */
    public static final Instant MORNING = Instant.parse("2025-03-14T09:00:00Z");

    public static final SkuCode TSHIRT = new SkuCode("TSHIRT-RED-M");
    public static final SkuCode MUG = new SkuCode("MUG-BLUE");
    public static final Actor CUSTOMER = Actor.customer("alice");
    public static final Actor GUEST = Actor.guest(ORDER_ID.value());
    public static final Actor ADMIN = Actor.admin("bob");
    public static final Actor SAGA = Actor.system("checkout-saga");
    public static final String PAYMENT_REF = "sbx_pay_1";
    public static final String CAPTURE_REF = "sbx_cap_1";
    public static final PaymentAction SANDBOX_ACTION =
            new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + PAYMENT_REF, null);
    public static final Address TEL_AVIV =
            new Address("Alice Cohen", "+972500000000", "1 Herzl St", null, "Tel Aviv", null, "6100000", "IL");
    /** The shipping address of {@link EngineClient#checkoutBody}. */
    public static final Address ROTHSCHILD_BLVD =
            new Address("Noa Cohen", "+972501112233", "5 Rothschild Blvd", null, "Tel Aviv", null, "6688101", "IL");

    public static final CustomerRef ALICE = CustomerRef.customer("alice", "alice@example.com");
    public static final CustomerRef A_GUEST = CustomerRef.guest("guest@example.com", "ab".repeat(32));

    /** 2 × 25.00 + 5.00 shipping, 18 % of 55.00 = 9.90 tax. */
    public static final OrderTotals TOTALS = new OrderTotals(eur(5000), eur(0), eur(500), eur(990), eur(6490), 1800);

    public static final Money TOTAL = TOTALS.total();

    private OrderFixtures() {}

    public static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    public static OrderLine tshirts(int quantity) {
        return OrderLine.of(TSHIRT, "Red T-shirt M", eur(2500), quantity, Map.of("color", "red"), null);
    }

    public static OrderLine mugs(int quantity) {
        return OrderLine.of(MUG, "Blue mug", eur(1250), quantity, Map.of(), "https://img.example/mug.png");
    }

    public static PlacedOrder aPlacedOrder() {
        return new PlacedOrder();
    }

    public static PlaceOrder aPlaceOrderCommand() {
        return new PlaceOrder();
    }

    /** The events of {@link #ORDER_ID} up to its placement; go on with the steps of {@link OrderHistory}. */
    public static OrderHistory aPlacedOrderHistory() {
        return new OrderHistory().placed();
    }

    /** A typical history of {@link #ORDER_ID} ending in {@code status}; ATTENTION is reached from AWAITING_PAYMENT. */
    public static OrderHistory anOrderIn(OrderStatus status) {
        OrderHistory history = aPlacedOrderHistory();
        return switch (status) {
            case PENDING -> history;
            case AWAITING_PAYMENT -> history.awaitingPayment();
            case CONFIRMED -> history.awaitingPayment().confirmed();
            case PROCESSING -> history.awaitingPayment().confirmed().processing();
            case PARTIALLY_SHIPPED ->
                history.awaitingPayment().confirmed().processing().partiallyShipped();
            case SHIPPED -> history.awaitingPayment().confirmed().processing().shipped();
            case DELIVERED ->
                history.awaitingPayment().confirmed().processing().shipped().delivered();
            case PARTIALLY_RETURNED ->
                history.awaitingPayment()
                        .confirmed()
                        .processing()
                        .shipped()
                        .delivered()
                        .partiallyReturned();
            case RETURNED ->
                history.awaitingPayment().confirmed().processing().shipped().returned();
            case REJECTED -> history.rejected();
            case CANCELLED -> history.cancelledBy(CUSTOMER);
            case ATTENTION -> history.awaitingPayment().flagged();
        };
    }

    /** The saga confirms {@code placed} after capturing its whole total. */
    public static OrderConfirmedEvent confirmed(OrderPlacedEvent placed) {
        return new OrderConfirmedEvent(
                placed.orderId(),
                OrderStatus.AWAITING_PAYMENT,
                placed.paymentMethod(),
                CAPTURE_REF,
                placed.totals().total(),
                SAGA,
                "paid");
    }

    /** An admin ships a processing order with {@code trackingNumber}. */
    public static OrderShippedEvent shipped(OrderId orderId, String trackingNumber) {
        return new OrderShippedEvent(
                orderId, OrderStatus.PROCESSING, trackingNumber, LocalDate.of(2026, 1, 20), ADMIN, null);
    }

    /** {@code event} as the order's event number {@code sequence}, as the event store hands it to processors. */
    public static DomainEventMessage<?> message(OrderId orderId, long sequence, Object event) {
        return new GenericDomainEventMessage<>("Order", orderId.value(), sequence, event);
    }
}
