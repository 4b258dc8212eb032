package io.orderengine.query.common;

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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Placed orders for tests: by default Alice's two-line EUR order shipped to Tel Aviv (total 79.06 EUR). */
public final class OrderFixtures {

    public static final Instant MORNING = Instant.parse("2025-03-14T09:00:00Z");

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private OrderId orderId = OrderId.random();
    private OrderNumber orderNumber;
    private CustomerRef customer = CustomerRef.customer("alice", "alice@example.com");
    private String fullName = "Alice Example";
    private Address billingAddress;
    private List<OrderLine> lines = List.of(
            OrderLine.of(new SkuCode("TSHIRT-RED-M"), "Red T-shirt M", Money.of(2500, "EUR"), 2,
                    Map.of("color", "red", "size", "M"), "https://img.example/tshirt-red.png"),
            OrderLine.of(new SkuCode("MUG-BLUE"), "Blue mug", Money.of(1200, "EUR"), 1, Map.of(), null));
    private long shippingMinor = 500;
    private long taxRateBasisPoints = 1800;
    private PaymentMethod paymentMethod = PaymentMethod.SANDBOX;
    private Instant placedAt = MORNING;

    private OrderFixtures() {
    }

    public static OrderFixtures aPlacedOrder() {
        return new OrderFixtures();
    }

    public OrderFixtures id(OrderId orderId) {
        this.orderId = orderId;
        return this;
    }

    public OrderFixtures number(String orderNumber) {
        this.orderNumber = new OrderNumber(orderNumber);
        return this;
    }

    public OrderFixtures byCustomer(String customerId, String email) {
        this.customer = CustomerRef.customer(customerId, email);
        return this;
    }

    public OrderFixtures byGuest(String email, String guestTokenHash) {
        this.customer = CustomerRef.guest(email, guestTokenHash);
        return this;
    }

    public OrderFixtures shippedTo(String fullName) {
        this.fullName = fullName;
        return this;
    }

    public OrderFixtures billedTo(String fullName) {
        this.billingAddress = new Address(fullName, null, "1 Billing Road", null, "Haifa", null, "3100001", "IL");
        return this;
    }

    /** One line of {@code quantity} units at {@code unitPriceMinor}, no shipping fee, no tax. */
    public OrderFixtures singleLine(String sku, long unitPriceMinor, int quantity, String currency) {
        this.lines = List.of(OrderLine.of(new SkuCode(sku), sku.toLowerCase(), Money.of(unitPriceMinor, currency),
                quantity, Map.of(), null));
        this.shippingMinor = 0;
        this.taxRateBasisPoints = 0;
        return this;
    }

    public OrderFixtures paidWith(PaymentMethod paymentMethod) {
        this.paymentMethod = paymentMethod;
        return this;
    }

    public OrderFixtures placedAt(Instant placedAt) {
        this.placedAt = placedAt;
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
        Address shipping1 = new Address(fullName, "+972500000000", "1 Herzl St", "Apt 2", "Tel Aviv", null,
                "6100001", "IL");
        return new OrderPlacedEvent(orderId, number, customer, lines, totals, shipping1, billingAddress, paymentMethod,
                null, "leave at the door", placedAt, actor);
    }
}
