package io.orderengine.infrastructure.eventstore;

import io.orderengine.infrastructure.eventstore.EventLogVerifier.EventLogVerification;

/**
 * Told the outcome of each scheduled verification of the event log, so the head is also held outside the database
 * (the outbound module sends it as the webhook {@code event_log.head}).
 */
@FunctionalInterface
public interface EventLogHeadListener {

    void verified(EventLogVerification verification);
}
