package io.orderengine.command.sku;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** A SKU keeps the currency it was registered with; a new price in another currency is refused. */
public class PriceCurrencyChangeException extends DomainRejection {

    public PriceCurrencyChangeException(SkuCode sku, Money current, Money requested) {
        super(
                RejectionKind.UNPROCESSABLE,
                "currency",
                "SKU " + sku + " is priced in " + current.currency() + "; cannot change its price to " + requested);
    }
}
