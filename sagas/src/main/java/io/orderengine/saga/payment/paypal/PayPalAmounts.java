package io.orderengine.saga.payment.paypal;

import io.orderengine.messages.common.Money;
import java.math.BigDecimal;
import java.util.Currency;

/** PayPal writes amounts as decimal strings ("67.50"); the engine keeps integer minor units. Exact both ways. */
final class PayPalAmounts {

    private PayPalAmounts() {}

    static String toDecimal(Money money) {
        int digits = Currency.getInstance(money.currency()).getDefaultFractionDigits();
        return BigDecimal.valueOf(money.amountMinor())
                .movePointLeft(Math.max(digits, 0))
                .toPlainString();
    }

    static Money toMoney(String decimal, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return new Money(
                new BigDecimal(decimal).movePointRight(Math.max(digits, 0)).longValueExact(), currency);
    }
}
