package io.orderengine.command.pricing;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** The order names a discount code the shop does not have, or one that does not apply to the order's currency. */
public class UnknownDiscountCodeException extends DomainRejection {

    private final String code;

    public UnknownDiscountCodeException(String code, String message) {
        super(RejectionKind.UNPROCESSABLE, "unknown-discount-code", message);
        this.code = code;
    }

    /** The code as the customer typed it. */
    public String code() {
        return code;
    }
}
