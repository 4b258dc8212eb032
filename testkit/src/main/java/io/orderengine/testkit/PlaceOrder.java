package io.orderengine.testkit;

import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.A_GUEST;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.ORDER_NUMBER;
import static io.orderengine.testkit.OrderFixtures.PLACED_AT;
import static io.orderengine.testkit.OrderFixtures.TEL_AVIV;
import static io.orderengine.testkit.OrderFixtures.tshirts;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PlaceOrderCommand;
import java.util.List;

/**
 * A {@link PlaceOrderCommand} for Alice's two T-shirts ({@link OrderFixtures#ORDER_ID}), with one change at a time.
 * Start from {@link OrderFixtures#aPlaceOrderCommand()}.
 */
public final class PlaceOrder {
    private CustomerRef customer = ALICE;
    private List<OrderLine> lines = List.of(tshirts(2));
    private Address shippingAddress = TEL_AVIV;
    private String currency = "EUR";
    private String discountCode;

    PlaceOrder() {}

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
        return new PlaceOrderCommand(
                ORDER_ID,
                ORDER_NUMBER,
                customer,
                lines,
                shippingAddress,
                null,
                PaymentMethod.SANDBOX,
                currency,
                discountCode,
                "leave at the door",
                PLACED_AT);
    }

    /** The event placing this order, with the totals and canonical discount code the pricing worked out. */
    public OrderPlacedEvent placedEvent(OrderTotals totals, String canonicalDiscountCode, Actor actor) {
        return new OrderPlacedEvent(
                ORDER_ID,
                ORDER_NUMBER,
                customer,
                lines,
                totals,
                shippingAddress,
                null,
                PaymentMethod.SANDBOX,
                canonicalDiscountCode,
                "leave at the door",
                PLACED_AT,
                actor);
    }
}
