package io.orderengine.saga.payment.sandbox;

/** The sandbox payment was already decided the other way, or cancelled (the API answers 409). */
public class SandboxDecisionConflictException extends RuntimeException {
    public SandboxDecisionConflictException(String message) {
        super(message);
    }
}
