package io.orderengine.command.order;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** The changes of an order edit make no sense for this order (a SKU it does not have, an empty order...). */
public class InvalidOrderEditException extends DomainRejection {

    InvalidOrderEditException(String message) {
        super(RejectionKind.UNPROCESSABLE, "invalid-edit", message);
    }
}
