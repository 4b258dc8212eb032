package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.Objects;

/** An order's totals in one currency: total = subtotal − discount + shipping + tax. {@code taxRateBasisPoints} is the rate applied (1800 = 18 %). */
public record OrderTotals(
        Money subtotal, Money discount, Money shipping, Money tax, Money total, long taxRateBasisPoints) {
    public OrderTotals {
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
        Money expected = subtotal.minus(discount).plus(shipping).plus(tax);
        if (!expected.equals(total)) {
            throw new IllegalArgumentException("total " + total + " does not add up to " + expected);
        }
    }

    public String currency() {
        return total.currency();
    }
}
