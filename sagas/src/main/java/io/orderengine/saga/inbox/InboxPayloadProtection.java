package io.orderengine.saga.inbox;

/**
 * How the webhook inbox stores a provider event's payload. A provider's payload can hold personal data (a payer's
 * e-mail or name); an implementation that encrypts it per data subject, as events are (issue #22, "Erasure by
 * crypto-shredding"), is picked up as a bean: {@link EncryptedInboxPayloads}. Without one the payload is stored as
 * received.
 */
public interface InboxPayloadProtection {

    /** Stores payloads as received. */
    InboxPayloadProtection NONE = new InboxPayloadProtection() {
        @Override
        public String protect(String provider, String payload) {
            return payload;
        }

        @Override
        public String reveal(String provider, String stored) {
            return stored;
        }
    };

    /** What is written to the inbox for {@code payload}. */
    String protect(String provider, String payload);

    /** The payload back from what {@link #protect} wrote (for a retry). */
    String reveal(String provider, String stored);
}
