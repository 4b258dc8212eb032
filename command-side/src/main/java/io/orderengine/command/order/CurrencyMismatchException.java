package io.orderengine.command.order;

import io.orderengine.messages.common.Money;

/** A payment or refund amount is in another currency than the order. */
public class CurrencyMismatchException extends RuntimeException {

    public CurrencyMismatchException(String what, Money amount, String orderCurrency) {
        super(what + " " + amount + " is not in the order's currency " + orderCurrency);
    }
}
