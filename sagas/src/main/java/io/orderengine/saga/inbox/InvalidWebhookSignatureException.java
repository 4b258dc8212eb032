package io.orderengine.saga.inbox;

/** A webhook's signature did not verify against its raw body; the webhook answers 400 and nothing is processed. */
public class InvalidWebhookSignatureException extends RuntimeException {
    public InvalidWebhookSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
