package io.orderengine.testkit;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;

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

/**
 * An {@link OrderPlacedEvent}, one change at a time; totals follow from the lines, shipping fee and tax rate. Start
 * from {@link OrderFixtures#aPlacedOrder()}.
 */
public final class PlacedOrder {

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private OrderId orderId = OrderId.random();
    private OrderNumber orderNumber;
    private CustomerRef customer = CustomerRef.customer("alice", "alice@example.com");
    private String fullName = "Alice Example";
    private Address shippingAddress;
    private Address billingAddress;
    private List<OrderLine> lines = List.of(
            OrderLine.of(
                    TSHIRT,
                    "Red T-shirt M",
                    Money.of(2500, "EUR"),
                    2,
                    Map.of("color", "red", "size", "M"),
                    "https://img.example/tshirt-red.png"),
            OrderLine.of(MUG, "Blue mug", Money.of(1200, "EUR"), 1, Map.of(), null));
    private long shippingMinor = 500;
    private long taxRateBasisPoints = 1800;
    private PaymentMethod paymentMethod = PaymentMethod.SANDBOX;
    private String notes = "leave at the door";
    private Instant placedAt = MORNING;

    PlacedOrder() {}

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
        this.lines = List.of(OrderLine.of(
                new SkuCode(sku), sku.toLowerCase(), Money.of(unitPriceMinor, currency), quantity, Map.of(), null));
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
        OrderTotals totals = new OrderTotals(
                subtotal,
                Money.zero(currency),
                shipping,
                tax,
                subtotal.plus(shipping).plus(tax),
                taxRateBasisPoints);
        OrderNumber number = orderNumber != null
                ? orderNumber
                : OrderNumber.of(LocalDate.ofInstant(placedAt, ZoneOffset.UTC), NUMBERS.incrementAndGet());
        Actor actor = customer.isGuest() ? Actor.guest(orderId.value()) : Actor.customer(customer.customerId());
        Address shipTo = shippingAddress != null
                ? shippingAddress
                : new Address(fullName, "+972500000000", "1 Herzl St", "Apt 2", "Tel Aviv", null, "6100001", "IL");
        return new OrderPlacedEvent(
                orderId,
                number,
                customer,
                lines,
                totals,
                shipTo,
                billingAddress,
                paymentMethod,
                null,
                notes,
                placedAt,
                actor);
    }
}
