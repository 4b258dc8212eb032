package io.orderengine.saga.payment;

import io.orderengine.messages.order.PaymentAction;
import java.util.Objects;

/** A payment created at the gateway: its reference there and what the customer must do to authorize it. The action never holds a client secret. */
public record PaymentSession(String paymentReference, PaymentAction action) {
    public PaymentSession {
        Objects.requireNonNull(paymentReference, "paymentReference");
        Objects.requireNonNull(action, "action");
        if (action.clientSecret() != null)
            throw new IllegalArgumentException("a client secret is never kept with the payment action");
    }
}
