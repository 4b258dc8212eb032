package io.orderengine.command.discount;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** A discount code exists but may not be used on this order, for {@link #reason()} (422, a type per reason). */
public class DiscountRefusedException extends DomainRejection {

    private final DiscountRefusal reason;

    public DiscountRefusedException(DiscountRefusal reason, String message) {
        super(RejectionKind.UNPROCESSABLE, reason.type(), message);
        this.reason = reason;
    }

    public DiscountRefusal reason() {
        return reason;
    }
}
