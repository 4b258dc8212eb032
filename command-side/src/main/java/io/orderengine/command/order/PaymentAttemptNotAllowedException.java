package io.orderengine.command.order;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/**
 * A new payment attempt was asked for when none may start: the order is not awaiting payment, its payment has not
 * failed, or every allowed attempt was used (HTTP 409, problem type {@code payment-attempt-not-allowed}).
 */
public class PaymentAttemptNotAllowedException extends DomainRejection {

    public PaymentAttemptNotAllowedException(String message) {
        super(RejectionKind.CONFLICT, "payment-attempt-not-allowed", message);
    }
}
