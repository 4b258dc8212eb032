package io.orderengine.testkit;

import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.CAPTURE_REF;
import static io.orderengine.testkit.OrderFixtures.CUSTOMER;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.PAYMENT_REF;
import static io.orderengine.testkit.OrderFixtures.SAGA;
import static io.orderengine.testkit.OrderFixtures.SANDBOX_ACTION;
import static io.orderengine.testkit.OrderFixtures.TOTAL;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.aPlaceOrderCommand;
import static io.orderengine.testkit.OrderFixtures.eur;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.AdminNoteAddedEvent;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderFlaggedForAttentionEvent;
import io.orderengine.messages.order.OrderPartiallyReturnedEvent;
import io.orderengine.messages.order.OrderPartiallyShippedEvent;
import io.orderengine.messages.order.OrderProcessingStartedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderResumedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.ReceivedLine;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.ReturnLine;
import io.orderengine.messages.order.ReturnReceivedEvent;
import io.orderengine.messages.order.ReturnRequestedEvent;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.order.ShipmentDeliveredEvent;
import io.orderengine.messages.order.ShipmentLine;
import io.orderengine.messages.order.ShortSku;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of {@link OrderFixtures#ORDER_ID} so far; each step names the status it leaves in {@code from}. Start
 * from {@link OrderFixtures#aPlacedOrderHistory()} or {@link OrderFixtures#anOrderIn}.
 */
public final class OrderHistory {
    private final List<Object> events = new ArrayList<>();
    private OrderStatus status;
    private OrderStatus beforeAttention;
    private Money captured = eur(0);
    private Money refunded = eur(0);

    OrderHistory() {}

    OrderHistory placed() {
        events.add(aPlaceOrderCommand().placedEvent(TOTALS, null, CUSTOMER));
        status = OrderStatus.PENDING;
        return this;
    }

    public OrderHistory awaitingPayment() {
        events.add(new OrderAwaitingPaymentEvent(
                ORDER_ID,
                status,
                PaymentMethod.SANDBOX,
                PAYMENT_REF,
                SANDBOX_ACTION,
                SAGA,
                "waiting for sandbox payment"));
        return moveTo(OrderStatus.AWAITING_PAYMENT);
    }

    public OrderHistory authorized() {
        events.add(new PaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL, "visa", "4242"));
        return this;
    }

    public OrderHistory paymentFailed() {
        events.add(new PaymentFailedEvent(ORDER_ID, "card declined"));
        return this;
    }

    /** The customer started payment attempt {@code attempt} (2, 3, ...) with the sandbox after a failure. */
    public OrderHistory paymentAttemptStarted(int attempt) {
        events.add(new PaymentAttemptStartedEvent(ORDER_ID, attempt, PaymentMethod.SANDBOX, CUSTOMER));
        return this;
    }

    public OrderHistory confirmed() {
        events.add(new OrderConfirmedEvent(ORDER_ID, status, PaymentMethod.SANDBOX, CAPTURE_REF, TOTAL, SAGA, "paid"));
        captured = TOTAL;
        return moveTo(OrderStatus.CONFIRMED);
    }

    public OrderHistory rejected() {
        events.add(new OrderRejectedEvent(
                ORDER_ID,
                status,
                List.of(new ShortSku(TSHIRT, 2, 1)),
                SAGA,
                "out of stock: TSHIRT-RED-M (asked 2, 1 available)"));
        return moveTo(OrderStatus.REJECTED);
    }

    public OrderHistory processing() {
        events.add(new OrderProcessingStartedEvent(ORDER_ID, status, ADMIN, null));
        return moveTo(OrderStatus.PROCESSING);
    }

    public OrderHistory shipped() {
        events.add(new OrderShippedEvent(ORDER_ID, status, "TRACK-1", LocalDate.of(2026, 1, 20), ADMIN, null));
        return moveTo(OrderStatus.SHIPPED);
    }

    /**
     * Shipment {@code shipmentId} with {@code quantity} of the red T-shirts (of the 2 bought); the order moves to
     * PARTIALLY_SHIPPED when units are left and it was not there yet, to SHIPPED when none are (pass {@code
     * lastUnits}).
     */
    public OrderHistory shipment(String shipmentId, int quantity, boolean lastUnits) {
        events.add(new ShipmentCreatedEvent(
                ORDER_ID,
                shipmentId,
                List.of(new ShipmentLine(TSHIRT, "Red T-shirt M", quantity)),
                "DHL",
                "JD-" + shipmentId,
                null,
                ADMIN));
        if (lastUnits) {
            events.add(new OrderShippedEvent(ORDER_ID, status, "JD-" + shipmentId, null, ADMIN, "every unit shipped"));
            return moveTo(OrderStatus.SHIPPED);
        }
        if (status != OrderStatus.PARTIALLY_SHIPPED) {
            events.add(new OrderPartiallyShippedEvent(ORDER_ID, status, ADMIN, "units left to ship"));
            return moveTo(OrderStatus.PARTIALLY_SHIPPED);
        }
        return this;
    }

    /** One of the 2 T-shirts shipped as shipment S1. */
    public OrderHistory partiallyShipped() {
        return shipment("S1", 1, false);
    }

    public OrderHistory shipmentDelivered(String shipmentId) {
        events.add(new ShipmentDeliveredEvent(ORDER_ID, shipmentId, ADMIN));
        return this;
    }

    public OrderHistory delivered() {
        events.add(new OrderDeliveredEvent(ORDER_ID, status, ADMIN, null));
        return moveTo(OrderStatus.DELIVERED);
    }

    public OrderHistory returned() {
        events.add(new OrderReturnedEvent(ORDER_ID, status, ADMIN, null));
        return moveTo(OrderStatus.RETURNED);
    }

    /** Return {@code returnId} of {@code quantity} red T-shirts asked for by the customer ("too small"). */
    public OrderHistory returnRequested(String returnId, int quantity) {
        events.add(new ReturnRequestedEvent(
                ORDER_ID, returnId, List.of(new ReturnLine(TSHIRT, "Red T-shirt M", quantity, "too small")), CUSTOMER));
        return this;
    }

    /**
     * Return {@code returnId}'s {@code quantity} T-shirts received, refund {@code refundMinor} asked for (as the order
     * works it out: 29.95 EUR a T-shirt); the order moves to PARTIALLY_RETURNED, or RETURNED when {@code lastUnits}.
     */
    public OrderHistory returnReceived(
            String returnId, int quantity, boolean restock, long refundMinor, boolean lastUnits) {
        events.add(new ReturnReceivedEvent(
                ORDER_ID,
                returnId,
                List.of(new ReceivedLine(TSHIRT, "Red T-shirt M", quantity, restock)),
                eur(refundMinor),
                false,
                null,
                ADMIN));
        String refundId = ReturnReceivedEvent.refundIdOf(returnId);
        events.add(new RefundRequestedEvent(
                ORDER_ID, refundId, eur(refundMinor), PaymentMethod.SANDBOX, PAYMENT_REF, ADMIN, "return " + returnId));
        if (lastUnits) {
            return returned("every unit returned");
        }
        return status == OrderStatus.PARTIALLY_RETURNED ? this : partiallyReturned();
    }

    public OrderHistory partiallyReturned() {
        events.add(new OrderPartiallyReturnedEvent(ORDER_ID, status, ADMIN, "units returned"));
        return moveTo(OrderStatus.PARTIALLY_RETURNED);
    }

    private OrderHistory returned(String note) {
        events.add(new OrderReturnedEvent(ORDER_ID, status, ADMIN, note));
        return moveTo(OrderStatus.RETURNED);
    }

    public OrderHistory cancelledBy(Actor actor) {
        boolean stockCommitted = !captured.isZero();
        events.add(new OrderCancelledEvent(
                ORDER_ID, status, actor, "changed my mind", captured.minus(refunded), stockCommitted));
        return moveTo(OrderStatus.CANCELLED);
    }

    public OrderHistory flagged() {
        events.add(new OrderFlaggedForAttentionEvent(ORDER_ID, status, SAGA, "gateway unreachable"));
        beforeAttention = status;
        status = OrderStatus.ATTENTION;
        return this;
    }

    public OrderHistory resumed() {
        events.add(new OrderResumedEvent(ORDER_ID, OrderStatus.ATTENTION, beforeAttention, ADMIN, "fixed"));
        return moveTo(beforeAttention);
    }

    public OrderHistory refundRequested(String refundId, long amountMinor) {
        events.add(new RefundRequestedEvent(
                ORDER_ID, refundId, eur(amountMinor), PaymentMethod.SANDBOX, PAYMENT_REF, ADMIN, "goodwill"));
        return this;
    }

    public OrderHistory refunded(String refundId, String refundReference, long amountMinor) {
        refunded = refunded.plus(eur(amountMinor));
        PaymentStatus after = refunded.equals(captured) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        events.add(new PaymentRefundedEvent(ORDER_ID, refundId, refundReference, eur(amountMinor), refunded, after));
        return this;
    }

    public OrderHistory adminNote(String note) {
        events.add(new AdminNoteAddedEvent(ORDER_ID, ADMIN, note));
        return this;
    }

    public OrderStatus status() {
        return status;
    }

    public List<Object> events() {
        return List.copyOf(events);
    }

    private OrderHistory moveTo(OrderStatus next) {
        status = next;
        beforeAttention = null;
        return this;
    }
}
