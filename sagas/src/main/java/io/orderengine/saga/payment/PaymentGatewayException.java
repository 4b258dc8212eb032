package io.orderengine.saga.payment;

/**
 * A gateway call did not succeed. {@link Kind} says what the caller can do about it: a transient failure may
 * succeed when tried again; a declined payment or a rejected request will not; unavailable means the retries
 * were used up or the circuit breaker is open, so a human has to look.
 */
public class PaymentGatewayException extends RuntimeException {

    /** Why the call failed. */
    public enum Kind {
        /** Network trouble, time-out, rate limit or a 5xx answer: trying again may help. */
        TRANSIENT,
        /** The payment method was refused. */
        DECLINED,
        /** The gateway refused the request itself (wrong state, unknown payment, invalid amount). */
        REJECTED,
        /** Retries are used up or the circuit breaker is open. */
        UNAVAILABLE
    }

    private final Kind kind;

    public PaymentGatewayException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static PaymentGatewayException transientFailure(String message, Throwable cause) {
        return new PaymentGatewayException(Kind.TRANSIENT, message, cause);
    }

    public static PaymentGatewayException declined(String message) {
        return new PaymentGatewayException(Kind.DECLINED, message, null);
    }

    public static PaymentGatewayException rejected(String message, Throwable cause) {
        return new PaymentGatewayException(Kind.REJECTED, message, cause);
    }

    public static PaymentGatewayException unavailable(String message, Throwable cause) {
        return new PaymentGatewayException(Kind.UNAVAILABLE, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
