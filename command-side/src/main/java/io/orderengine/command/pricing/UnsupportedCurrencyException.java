package io.orderengine.command.pricing;

/** The shop does not sell in this currency: no shipping rate is configured for it. */
public class UnsupportedCurrencyException extends RuntimeException {

    private final String currency;

    public UnsupportedCurrencyException(String currency) {
        super("orders in " + currency + " cannot be priced: no shipping rate is configured for " + currency);
        this.currency = currency;
    }

    public String currency() {
        return currency;
    }
}
