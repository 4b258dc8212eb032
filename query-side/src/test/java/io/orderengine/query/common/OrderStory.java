package io.orderengine.query.common;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.AdminNoteAddedEvent;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderPartiallyShippedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderProcessingStartedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderStatusChange;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.order.ShipmentDeliveredEvent;
import io.orderengine.messages.order.ShipmentLine;
import io.orderengine.messages.order.ShortSku;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/** One order's life told as events on an {@link EventFeed}, each step stamped with the time it happened. */
public final class OrderStory {

    private static final Actor SAGA = Actor.system("checkout-saga");

    private final EventFeed feed;
    private final OrderPlacedEvent placed;
    private OrderStatus status;
    private long capturedMinor;
    private long refundedMinor;
    private DomainEventMessage<?> last;

    private OrderStory(EventFeed feed, OrderPlacedEvent placed) {
        this.feed = feed;
        this.placed = placed;
    }

    public static OrderStory place(EventFeed feed, OrderPlacedEvent placed) {
        OrderStory story = new OrderStory(feed, placed);
        story.status = OrderStatus.PENDING;
        story.last = feed.publish("Order", placed.orderId().value(), placed, placed.placedAt());
        return story;
    }

    public OrderId id() {
        return placed.orderId();
    }

    public OrderPlacedEvent placed() {
        return placed;
    }

    public DomainEventMessage<?> last() {
        return last;
    }

    public String paymentReference() {
        return "sbx_" + placed.orderId().value().substring(0, 8);
    }

    public OrderStory awaitPayment(Instant at) {
        String reference = paymentReference();
        return move(
                new OrderAwaitingPaymentEvent(
                        id(),
                        status,
                        placed.paymentMethod(),
                        reference,
                        new PaymentAction(
                                placed.paymentMethod().wireName(), "/api/v1/payments/sandbox/" + reference, null),
                        SAGA,
                        "stock reserved"),
                at);
    }

    public OrderStory authorize(Instant at) {
        return publish(
                new PaymentAuthorizedEvent(
                        id(),
                        placed.paymentMethod(),
                        paymentReference(),
                        placed.totals().total(),
                        "visa",
                        "4242"),
                at);
    }

    public OrderStory failPayment(String reason, Instant at) {
        return publish(new PaymentFailedEvent(id(), reason), at);
    }

    /** The customer tries again with {@code method}; the new payment waits under reference {@code reference}. */
    public OrderStory startAttempt(int attempt, PaymentMethod method, String reference, Instant at) {
        publish(new PaymentAttemptStartedEvent(id(), attempt, method, Actor.customer("alice")), at);
        return move(
                new OrderAwaitingPaymentEvent(
                        id(),
                        status,
                        method,
                        reference,
                        new PaymentAction(method.wireName(), "/api/v1/payments/sandbox/" + reference, null),
                        SAGA,
                        "attempt " + attempt),
                at);
    }

    public OrderStory confirm(Instant at) {
        capturedMinor = placed.totals().total().amountMinor();
        return move(
                new OrderConfirmedEvent(
                        id(),
                        status,
                        placed.paymentMethod(),
                        "cap_" + paymentReference(),
                        placed.totals().total(),
                        SAGA,
                        "payment captured"),
                at);
    }

    public OrderStory startProcessing(Actor admin, Instant at) {
        return move(new OrderProcessingStartedEvent(id(), status, admin, "picking"), at);
    }

    public OrderStory ship(String trackingNumber, LocalDate estimatedDelivery, Actor admin, Instant at) {
        return move(
                new OrderShippedEvent(id(), status, trackingNumber, estimatedDelivery, admin, "handed to courier"), at);
    }

    /** Shipment {@code shipmentId} of {@code quantity} units of {@code sku} (named in lower case), by DHL. */
    public OrderStory shipment(String shipmentId, String sku, int quantity, Actor admin, Instant at) {
        return publish(
                new ShipmentCreatedEvent(
                        id(),
                        shipmentId,
                        List.of(new ShipmentLine(new SkuCode(sku), sku.toLowerCase(java.util.Locale.ROOT), quantity)),
                        "DHL",
                        "JD-" + shipmentId,
                        null,
                        admin),
                at);
    }

    public OrderStory partiallyShipped(Actor admin, Instant at) {
        return move(new OrderPartiallyShippedEvent(id(), status, admin, "units left to ship"), at);
    }

    public OrderStory shipmentDelivered(String shipmentId, Actor admin, Instant at) {
        return publish(new ShipmentDeliveredEvent(id(), shipmentId, admin), at);
    }

    public OrderStory deliver(Actor admin, Instant at) {
        return move(new OrderDeliveredEvent(id(), status, admin, null), at);
    }

    public OrderStory reject(List<ShortSku> shortSkus, Instant at) {
        return move(new OrderRejectedEvent(id(), status, shortSkus, SAGA, "out of stock"), at);
    }

    public OrderStory cancel(Actor actor, String reason, Instant at) {
        Money refundDue =
                Money.of(capturedMinor - refundedMinor, placed.totals().currency());
        return move(new OrderCancelledEvent(id(), status, actor, reason, refundDue, false), at);
    }

    /** An admin asks for a refund of {@code amountMinor} as {@code refundId}; the gateway has not answered yet. */
    public OrderStory requestRefund(String refundId, long amountMinor, Instant at) {
        return publish(
                new RefundRequestedEvent(
                        id(),
                        refundId,
                        Money.of(amountMinor, placed.totals().currency()),
                        PaymentMethod.SANDBOX,
                        "ref",
                        Actor.admin("admin-1"),
                        "requested in a test"),
                at);
    }

    public OrderStory refund(long amountMinor, Instant at) {
        refundedMinor += amountMinor;
        String currency = placed.totals().currency();
        PaymentStatus after =
                refundedMinor >= capturedMinor ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        return publish(
                new PaymentRefundedEvent(
                        id(),
                        "rf-" + refundedMinor,
                        "re_" + refundedMinor,
                        Money.of(amountMinor, currency),
                        Money.of(refundedMinor, currency),
                        after),
                at);
    }

    public OrderStory addAdminNote(Actor admin, String note, Instant at) {
        return publish(new AdminNoteAddedEvent(id(), admin, note), at);
    }

    private OrderStory move(OrderStatusChange change, Instant at) {
        status = change.to();
        return publish(change, at);
    }

    private OrderStory publish(Object event, Instant at) {
        last = feed.publish("Order", id().value(), event, at);
        return this;
    }
}
