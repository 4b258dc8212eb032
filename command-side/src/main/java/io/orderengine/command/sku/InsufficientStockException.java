package io.orderengine.command.sku;

import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/**
 * A stock adjustment would take on hand below zero or below what is reserved for orders. {@link #available()} is
 * what could still be taken away.
 */
public class InsufficientStockException extends DomainRejection {

    private final int available;

    public InsufficientStockException(SkuCode sku, int delta, int onHand, int reserved) {
        super(
                RejectionKind.CONFLICT,
                "insufficient-stock",
                "cannot adjust SKU " + sku + " by " + delta + ": only " + (onHand - reserved) + " available (on hand "
                        + onHand + ", reserved " + reserved + ")");
        this.available = onHand - reserved;
    }

    public int available() {
        return available;
    }
}
