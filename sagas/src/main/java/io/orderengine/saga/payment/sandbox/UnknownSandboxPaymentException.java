package io.orderengine.saga.payment.sandbox;

/** No sandbox payment has this reference (the API answers 404). */
public class UnknownSandboxPaymentException extends RuntimeException {
    public UnknownSandboxPaymentException(String paymentReference) {
        super("no sandbox payment " + paymentReference);
    }
}
