package io.orderengine.saga.inbox;

/** What the webhook endpoint acknowledges (always with 2xx). */
public enum WebhookResult {
    /** The event was processed now. */
    PROCESSED,
    /** The event had been processed before; nothing changed. */
    ALREADY_PROCESSED,
    /** The event type is not one the engine acts on. */
    IGNORED
}
