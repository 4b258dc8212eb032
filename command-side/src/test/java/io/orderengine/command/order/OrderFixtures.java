package io.orderengine.command.order;

import io.orderengine.command.pricing.PricingPolicy;
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
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One customer order used throughout the order tests: Alice buys 2 red T-shirts at 25.00 EUR, shipped to Tel Aviv
 * (18 % VAT) with 5.00 EUR shipping, so 50.00 + 5.00 + 9.90 tax = 64.90 EUR. Histories are built step by step with
 * {@link #aPlacedOrder()}; {@link #anOrderIn(OrderStatus)} gives a typical history ending in each status.
 */
final class OrderFixtures {

    static final OrderId ORDER_ID = new OrderId("3f2b8c1e-5a4d-4e7f-9b6a-1c2d3e4f5a6b");
    static final OrderNumber ORDER_NUMBER = new OrderNumber("ORD-20260115-000042");
    static final Instant PLACED_AT = Instant.parse("2026-01-15T09:30:00Z");
    static final SkuCode TSHIRT = new SkuCode("TSHIRT-RED-M");
    static final SkuCode MUG = new SkuCode("MUG-BLUE");
    static final Actor CUSTOMER = Actor.customer("alice");
    static final Actor GUEST = Actor.guest(ORDER_ID.value());
    static final Actor ADMIN = Actor.admin("bob");
    static final Actor SAGA = Actor.system("checkout-saga");
    static final String PAYMENT_REF = "sbx_pay_1";
    static final String CAPTURE_REF = "sbx_cap_1";
    static final PaymentAction SANDBOX_ACTION =
            new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + PAYMENT_REF, null);
    static final Address TEL_AVIV =
            new Address("Alice Cohen", "+972500000000", "1 Herzl St", null, "Tel Aviv", null, "6100000", "IL");
    static final CustomerRef ALICE = CustomerRef.customer("alice", "alice@example.com");
    static final CustomerRef A_GUEST = CustomerRef.guest("guest@example.com", "ab".repeat(32));

    /** IL 18 %, SA 15 %, elsewhere 0; EUR shipping 5.00, free from 100.00; WELCOME10 = 10 %, TENOFF = 10.00 EUR. */
    static final PricingPolicy PRICING = PricingPolicy.builder()
            .defaultTaxRate(0)
            .taxRate("IL", 1800)
            .taxRate("SA", 1500)
            .shipping("EUR", 500, 10_000)
            .percentDiscount("WELCOME10", 1000)
            .fixedDiscount("TENOFF", Money.of(1000, "EUR"))
            .build();

    /** 2 × 25.00 + 5.00 shipping, 18 % of 55.00 = 9.90 tax. */
    static final OrderTotals TOTALS = new OrderTotals(eur(5000), eur(0), eur(500), eur(990), eur(6490), 1800);
    static final Money TOTAL = TOTALS.total();

    private OrderFixtures() {
    }

    static AggregateTestFixture<Order> orderFixture() {
        AggregateTestFixture<Order> fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(PRICING);
        return fixture;
    }

    static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    static OrderLine tshirts(int quantity) {
        return OrderLine.of(TSHIRT, "Red T-shirt M", eur(2500), quantity, Map.of("color", "red"), null);
    }

    static OrderLine mugs(int quantity) {
        return OrderLine.of(MUG, "Blue mug", eur(1250), quantity, Map.of(), "https://img.example/mug.png");
    }

    static PlaceOrder aPlaceOrderCommand() {
        return new PlaceOrder();
    }

    static OrderHistory aPlacedOrder() {
        return new OrderHistory().placed();
    }

    /** A typical history ending in {@code status}; ATTENTION is reached from AWAITING_PAYMENT. */
    static OrderHistory anOrderIn(OrderStatus status) {
        OrderHistory history = aPlacedOrder();
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

    /** A {@link PlaceOrderCommand} for Alice's two T-shirts, with one change at a time. */
    static final class PlaceOrder {
        private CustomerRef customer = ALICE;
        private List<OrderLine> lines = List.of(tshirts(2));
        private Address shippingAddress = TEL_AVIV;
        private String currency = "EUR";
        private String discountCode;

        PlaceOrder asGuest() {
            customer = A_GUEST;
            return this;
        }

        PlaceOrder withLines(OrderLine... orderLines) {
            lines = List.of(orderLines);
            return this;
        }

        PlaceOrder shippedTo(String country) {
            shippingAddress = new Address("Alice Cohen", null, "1 Main St", null, "Somewhere", null, "1000", country);
            return this;
        }

        PlaceOrder inCurrency(String orderCurrency) {
            currency = orderCurrency;
            return this;
        }

        PlaceOrder withDiscountCode(String code) {
            discountCode = code;
            return this;
        }

        PlaceOrderCommand build() {
            return new PlaceOrderCommand(ORDER_ID, ORDER_NUMBER, customer, lines, shippingAddress, null,
                    PaymentMethod.SANDBOX, currency, discountCode, "leave at the door", PLACED_AT);
        }

        OrderPlacedEvent placedEvent(OrderTotals totals, String canonicalDiscountCode, Actor actor) {
            return new OrderPlacedEvent(ORDER_ID, ORDER_NUMBER, customer, lines, totals, shippingAddress, null,
                    PaymentMethod.SANDBOX, canonicalDiscountCode, "leave at the door", PLACED_AT, actor);
        }
    }

    /** The events of one order so far; each step names the status it leaves in {@code from}. */
    static final class OrderHistory {
        private final List<Object> events = new ArrayList<>();
        private OrderStatus status;
        private OrderStatus beforeAttention;
        private Money captured = eur(0);
        private Money refunded = eur(0);

        private OrderHistory placed() {
            events.add(aPlaceOrderCommand().placedEvent(TOTALS, null, CUSTOMER));
            status = OrderStatus.PENDING;
            return this;
        }

        OrderHistory awaitingPayment() {
            events.add(new OrderAwaitingPaymentEvent(ORDER_ID, status, PaymentMethod.SANDBOX, PAYMENT_REF,
                    SANDBOX_ACTION, SAGA, "waiting for sandbox payment"));
            return moveTo(OrderStatus.AWAITING_PAYMENT);
        }

        OrderHistory authorized() {
            events.add(new PaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REF, TOTAL, "visa", "4242"));
            return this;
        }

        OrderHistory paymentFailed() {
            events.add(new PaymentFailedEvent(ORDER_ID, "card declined"));
            return this;
        }

        OrderHistory confirmed() {
            events.add(new OrderConfirmedEvent(ORDER_ID, status, PaymentMethod.SANDBOX, CAPTURE_REF, TOTAL, SAGA,
                    "paid"));
            captured = TOTAL;
            return moveTo(OrderStatus.CONFIRMED);
        }

        OrderHistory rejected() {
            events.add(new OrderRejectedEvent(ORDER_ID, status, List.of(new ShortSku(TSHIRT, 2, 1)), SAGA,
                    "out of stock: TSHIRT-RED-M (asked 2, 1 available)"));
            return moveTo(OrderStatus.REJECTED);
        }

        OrderHistory processing() {
            events.add(new OrderProcessingStartedEvent(ORDER_ID, status, ADMIN, null));
            return moveTo(OrderStatus.PROCESSING);
        }

        OrderHistory shipped() {
            events.add(new OrderShippedEvent(ORDER_ID, status, "TRACK-1", LocalDate.of(2026, 1, 20), ADMIN, null));
            return moveTo(OrderStatus.SHIPPED);
        }

        OrderHistory delivered() {
            events.add(new OrderDeliveredEvent(ORDER_ID, status, ADMIN, null));
            return moveTo(OrderStatus.DELIVERED);
        }

        OrderHistory returned() {
            events.add(new OrderReturnedEvent(ORDER_ID, status, ADMIN, null));
            return moveTo(OrderStatus.RETURNED);
        }

        OrderHistory cancelledBy(Actor actor) {
            boolean stockCommitted = !captured.isZero();
            events.add(new OrderCancelledEvent(ORDER_ID, status, actor, "changed my mind", captured.minus(refunded),
                    stockCommitted));
            return moveTo(OrderStatus.CANCELLED);
        }

        OrderHistory flagged() {
            events.add(new OrderFlaggedForAttentionEvent(ORDER_ID, status, SAGA, "gateway unreachable"));
            beforeAttention = status;
            status = OrderStatus.ATTENTION;
            return this;
        }

        OrderHistory resumed() {
            events.add(new OrderResumedEvent(ORDER_ID, OrderStatus.ATTENTION, beforeAttention, ADMIN, "fixed"));
            return moveTo(beforeAttention);
        }

        OrderHistory refundRequested(String refundId, long amountMinor) {
            events.add(new RefundRequestedEvent(ORDER_ID, refundId, eur(amountMinor), PaymentMethod.SANDBOX,
                    PAYMENT_REF, ADMIN, "goodwill"));
            return this;
        }

        OrderHistory refunded(String refundId, String refundReference, long amountMinor) {
            refunded = refunded.plus(eur(amountMinor));
            PaymentStatus after = refunded.equals(captured) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
            events.add(new PaymentRefundedEvent(ORDER_ID, refundId, refundReference, eur(amountMinor), refunded, after));
            return this;
        }

        OrderHistory adminNote(String note) {
            events.add(new AdminNoteAddedEvent(ORDER_ID, ADMIN, note));
            return this;
        }

        OrderStatus status() {
            return status;
        }

        List<Object> events() {
            return List.copyOf(events);
        }

        private OrderHistory moveTo(OrderStatus next) {
            status = next;
            beforeAttention = null;
            return this;
        }
    }
}
