package io.orderengine.command.pricing;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** The shop does not sell in this currency: no shipping rate is configured for it. */
public class UnsupportedCurrencyException extends DomainRejection {

    private final String currency;

    public UnsupportedCurrencyException(String currency) {
        super(
                RejectionKind.UNPROCESSABLE,
                "currency",
                "orders in " + currency + " cannot be priced: no shipping rate is configured for " + currency);
        this.currency = currency;
    }

    public String currency() {
        return currency;
    }
}
