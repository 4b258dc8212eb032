package io.orderengine.command.order;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/**
 * A refund the order cannot give: nothing was captured, or more than what is left (captured − refunded − refunds
 * already asked for). {@link #maximum()} is what could be refunded now.
 */
public class RefundNotAllowedException extends DomainRejection {

    private final Money maximum;

    public RefundNotAllowedException(String message, Money maximum) {
        super(RejectionKind.UNPROCESSABLE, "refund-not-allowed", message);
        this.maximum = maximum;
    }

    public Money maximum() {
        return maximum;
    }
}
