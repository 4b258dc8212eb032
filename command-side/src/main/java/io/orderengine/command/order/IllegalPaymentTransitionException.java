package io.orderengine.command.order;

import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** The order's payment cannot take the reported step from where it is ("payment is PAID; cannot move to FAILED"). */
public class IllegalPaymentTransitionException extends DomainRejection {

    private final PaymentStatus current;
    private final PaymentStatus target;

    public IllegalPaymentTransitionException(PaymentStatus current, PaymentStatus target) {
        super(RejectionKind.CONFLICT, "illegal-transition", "payment is " + current + "; cannot move to " + target);
        this.current = current;
        this.target = target;
    }

    public PaymentStatus current() {
        return current;
    }

    public PaymentStatus target() {
        return target;
    }
}
