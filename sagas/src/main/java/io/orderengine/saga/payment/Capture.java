package io.orderengine.saga.payment;

import io.orderengine.messages.common.Money;
import java.util.Objects;

/** Money taken at the gateway: the gateway's capture (charge) reference and the amount. */
public record Capture(String captureReference, Money amount) {
    public Capture {
        Objects.requireNonNull(captureReference, "captureReference");
        Objects.requireNonNull(amount, "amount");
    }
}
