package io.orderengine.command.order;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/**
 * An order that cannot be placed as asked: a line priced in another currency than the order, or the same SKU on
 * two lines (the caller merges cart items per SKU, because stock is reserved once per order and SKU).
 */
public class InvalidOrderException extends DomainRejection {

    public InvalidOrderException(String message) {
        super(RejectionKind.UNPROCESSABLE, "invalid-order", message);
    }
}
