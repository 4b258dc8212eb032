package io.orderengine.command.sku;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;

/** A SKU keeps the currency it was registered with; a new price in another currency is refused. */
public class PriceCurrencyChangeException extends RuntimeException {

    public PriceCurrencyChangeException(SkuCode sku, Money current, Money requested) {
        super("SKU " + sku + " is priced in " + current.currency() + "; cannot change its price to " + requested);
    }
}
