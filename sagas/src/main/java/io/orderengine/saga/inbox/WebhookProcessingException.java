package io.orderengine.saga.inbox;

/** A gateway notification could not be processed; the webhook answers 5xx so the provider delivers it again. */
public class WebhookProcessingException extends RuntimeException {
    public WebhookProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
