package io.orderengine.command.order;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** A payment or refund amount is in another currency than the order. */
public class CurrencyMismatchException extends DomainRejection {

    public CurrencyMismatchException(String what, Money amount, String orderCurrency) {
        super(
                RejectionKind.UNPROCESSABLE,
                "currency",
                what + " " + amount + " is not in the order's currency " + orderCurrency);
    }
}
