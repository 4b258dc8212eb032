package io.orderengine.testkit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.OrderNumber;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.AdminNoteAddedEvent;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderFlaggedForAttentionEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderProcessingStartedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderResumedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.PlaceOrderCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.ShortSku;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private OrderFixtures() {
    }

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
            case SHIPPED -> history.awaitingPayment().confirmed().processing().shipped();
            case DELIVERED -> history.awaitingPayment().confirmed().processing().shipped().delivered();
            case RETURNED -> history.awaitingPayment().confirmed().processing().shipped().returned();
            case REJECTED -> history.rejected();
            case CANCELLED -> history.cancelledBy(CUSTOMER);
            case ATTENTION -> history.awaitingPayment().flagged();
        };
    }

    /** The saga confirms {@code placed} after capturing its whole total. */
    public static OrderConfirmedEvent confirmed(OrderPlacedEvent placed) {
        return new OrderConfirmedEvent(placed.orderId(), OrderStatus.AWAITING_PAYMENT, placed.paymentMethod(),
                CAPTURE_REF, placed.totals().total(), SAGA, "paid");
    }

    /** An admin ships a processing order with {@code trackingNumber}. */
    public static OrderShippedEvent shipped(OrderId orderId, String trackingNumber) {
        return new OrderShippedEvent(orderId, OrderStatus.PROCESSING, trackingNumber, LocalDate.of(2026, 1, 20), ADMIN,
                null);
    }

    /** {@code event} as the order's event number {@code sequence}, as the event store hands it to processors. */
    public static DomainEventMessage<?> message(OrderId orderId, long sequence, Object event) {
        return new GenericDomainEventMessage<>("Order", orderId.value(), sequence, event);
    }

    /** An {@link OrderPlacedEvent}, one change at a time; totals follow from the lines, shipping fee and tax rate. */
    public static final class PlacedOrder {
        private OrderId orderId = OrderId.random();
        private OrderNumber orderNumber;
        private CustomerRef customer = CustomerRef.customer("alice", "alice@example.com");
        private String fullName = "Alice Example";
        private Address shippingAddress;
        private Address billingAddress;
        private List<OrderLine> lines = List.of(
                OrderLine.of(TSHIRT, "Red T-shirt M", Money.of(2500, "EUR"), 2,
                        Map.of("color", "red", "size", "M"), "https://img.example/tshirt-red.png"),
                OrderLine.of(MUG, "Blue mug", Money.of(1200, "EUR"), 1, Map.of(), null));
        private long shippingMinor = 500;
        private long taxRateBasisPoints = 1800;
        private PaymentMethod paymentMethod = PaymentMethod.SANDBOX;
        private String notes = "leave at the door";
        private Instant placedAt = MORNING;

        private PlacedOrder() {
        }

        public PlacedOrder id(OrderId id) {
            this.orderId = id;
            return this;
        }

        public PlacedOrder number(String number) {
            this.orderNumber = new OrderNumber(number);
            return this;
        }

        public PlacedOrder byCustomer(String customerId, String email) {
            this.customer = CustomerRef.customer(customerId, email);
            return this;
        }

        public PlacedOrder byGuest(String email, String guestTokenHash) {
            this.customer = CustomerRef.guest(email, guestTokenHash);
            return this;
        }

        /** Ships to Tel Aviv in the name of {@code name}. */
        public PlacedOrder shippedTo(String name) {
            this.fullName = name;
            return this;
        }

        public PlacedOrder shippedTo(Address address) {
            this.shippingAddress = address;
            return this;
        }

        public PlacedOrder billedTo(String name) {
            this.billingAddress = new Address(name, null, "1 Billing Road", null, "Haifa", null, "3100001", "IL");
            return this;
        }

        /** These lines, with the shipping fee and tax rate so far. */
        public PlacedOrder withLines(OrderLine... orderLines) {
            this.lines = List.of(orderLines);
            return this;
        }

        /** One line of {@code quantity} units at {@code unitPriceMinor}, no shipping fee, no tax. */
        public PlacedOrder singleLine(String sku, long unitPriceMinor, int quantity, String currency) {
            this.lines = List.of(OrderLine.of(new SkuCode(sku), sku.toLowerCase(), Money.of(unitPriceMinor, currency),
                    quantity, Map.of(), null));
            this.shippingMinor = 0;
            this.taxRateBasisPoints = 0;
            return this;
        }

        public PlacedOrder taxRate(long basisPoints) {
            this.taxRateBasisPoints = basisPoints;
            return this;
        }

        public PlacedOrder paidWith(PaymentMethod method) {
            this.paymentMethod = method;
            return this;
        }

        public PlacedOrder withNotes(String customerNotes) {
            this.notes = customerNotes;
            return this;
        }

        public PlacedOrder placedAt(Instant at) {
            this.placedAt = at;
            return this;
        }

        public OrderPlacedEvent build() {
            String currency = lines.get(0).unitPrice().currency();
            Money subtotal = lines.stream().map(OrderLine::lineTotal).reduce(Money.zero(currency), Money::plus);
            Money shipping = Money.of(shippingMinor, currency);
            Money tax = subtotal.plus(shipping).percentOf(taxRateBasisPoints);
            OrderTotals totals = new OrderTotals(subtotal, Money.zero(currency), shipping, tax,
                    subtotal.plus(shipping).plus(tax), taxRateBasisPoints);
            OrderNumber number = orderNumber != null ? orderNumber
                    : OrderNumber.of(LocalDate.ofInstant(placedAt, ZoneOffset.UTC), NUMBERS.incrementAndGet());
            Actor actor = customer.isGuest() ? Actor.guest(orderId.value()) : Actor.customer(customer.customerId());
            Address shipTo = shippingAddress != null ? shippingAddress
                    : new Address(fullName, "+972500000000", "1 Herzl St", "Apt 2", "Tel Aviv", null, "6100001", "IL");
            return new OrderPlacedEvent(orderId, number, customer, lines, totals, shipTo, billingAddress, paymentMethod,
                    null, notes, placedAt, actor);
        }
    }

    /** A {@link PlaceOrderCommand} for Alice's two T-shirts ({@link #ORDER_ID}), with one change at a time. */
    public static final class PlaceOrder {
        private CustomerRef customer = ALICE;
        private List<OrderLine> lines = List.of(tshirts(2));
        private Address shippingAddress = TEL_AVIV;
        private String currency = "EUR";
        private String discountCode;

        private PlaceOrder() {
        }

        public PlaceOrder asGuest() {
            customer = A_GUEST;
            return this;
        }

        public PlaceOrder withLines(OrderLine... orderLines) {
            lines = List.of(orderLines);
            return this;
        }

        public PlaceOrder shippedTo(String country) {
            shippingAddress = new Address("Alice Cohen", null, "1 Main St", null, "Somewhere", null, "1000", country);
            return this;
        }

        public PlaceOrder inCurrency(String orderCurrency) {
            currency = orderCurrency;
            return this;
        }

        public PlaceOrder withDiscountCode(String code) {
            discountCode = code;
            return this;
        }

        public PlaceOrderCommand build() {
            return new PlaceOrderCommand(ORDER_ID, ORDER_NUMBER, customer, lines, shippingAddress, null,
                    PaymentMethod.SANDBOX, currency, discountCode, "leave at the door", PLACED_AT);
        }

        /** The event placing this order, with the totals and canonical discount code the pricing worked out. */
        public OrderPlacedEvent placedEvent(OrderTotals totals, String canonicalDiscountCode, Actor actor) {
            return new OrderPlacedEvent(ORDER_ID, ORDER_NUMBER, customer, lines, totals, shippingAddress, null,
                    PaymentMethod.SANDBOX, canonicalDiscountCode, "leave at the door", PLACED_AT, actor);
        }
    }

    /** The events of {@link #ORDER_ID} so far; each step names the status it leaves in {@code from}. */
    public static final class OrderHistory {
        private final List<Object> events = new ArrayList<>();
        private OrderStatus status;
        private OrderStatus beforeAttention;
        private Money captured = eur(0);
        private Money refunded = eur(0);

        private OrderHistory() {
        }

        private OrderHistory placed() {
            events.add(aPlaceOrderCommand().placedEvent(TOTALS, null, CUSTOMER));
            status = OrderStatus.PENDING;
            return this;
        }

        public OrderHistory awaitingPayment() {
            events.add(new OrderAwaitingPaymentEvent(ORDER_ID, status, PaymentMethod.SANDBOX, PAYMENT_REF,
                    SANDBOX_ACTION, SAGA, "waiting for sandbox payment"));
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

        public OrderHistory confirmed() {
            events.add(new OrderConfirmedEvent(ORDER_ID, status, PaymentMethod.SANDBOX, CAPTURE_REF, TOTAL, SAGA,
                    "paid"));
            captured = TOTAL;
            return moveTo(OrderStatus.CONFIRMED);
        }

        public OrderHistory rejected() {
            events.add(new OrderRejectedEvent(ORDER_ID, status, List.of(new ShortSku(TSHIRT, 2, 1)), SAGA,
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

        public OrderHistory delivered() {
            events.add(new OrderDeliveredEvent(ORDER_ID, status, ADMIN, null));
            return moveTo(OrderStatus.DELIVERED);
        }

        public OrderHistory returned() {
            events.add(new OrderReturnedEvent(ORDER_ID, status, ADMIN, null));
            return moveTo(OrderStatus.RETURNED);
        }

        public OrderHistory cancelledBy(Actor actor) {
            boolean stockCommitted = !captured.isZero();
            events.add(new OrderCancelledEvent(ORDER_ID, status, actor, "changed my mind", captured.minus(refunded),
                    stockCommitted));
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
            events.add(new RefundRequestedEvent(ORDER_ID, refundId, eur(amountMinor), PaymentMethod.SANDBOX,
                    PAYMENT_REF, ADMIN, "goodwill"));
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
}
