package io.orderengine.command.order;

import io.orderengine.messages.common.Money;

/**
 * A refund the order cannot give: nothing was captured, or more than what is left (captured − refunded − refunds
 * already asked for). {@link #maximum()} is what could be refunded now.
 */
public class RefundNotAllowedException extends RuntimeException {

    private final Money maximum;

    public RefundNotAllowedException(String message, Money maximum) {
        super(message);
        this.maximum = maximum;
    }

    public Money maximum() {
        return maximum;
    }
}
