package io.orderengine.saga.inbox;

import io.orderengine.infrastructure.privacy.PersonalDataCipher;
import io.orderengine.infrastructure.privacy.PersonalJson;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.saga.ledger.PaymentLedger;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inbox's payloads encrypted per data subject ({@link EncryptedInboxPayloads}), where the privacy beans exist. */
@Configuration(proxyBeanMethods = false)
class InboxPrivacyConfiguration {

    @Bean
    InboxPayloadProtection inboxPayloadProtection(
            PersonalDataCipher cipher, ObjectProvider<EventStore> eventStore, PaymentLedger ledger) {
        return new EncryptedInboxPayloads(
                new PersonalJson(cipher), orderId -> placementSubject(eventStore.getObject(), orderId.value()), ledger);
    }

    /** The subject named by the order's first event (its placement), read without the aggregate's snapshot. */
    static Optional<DataSubject> placementSubject(EventStore events, String orderId) {
        DomainEventStream stream = events.readEvents(orderId, 0);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        return first.getPayload() instanceof DataSubject.Carrier carrier
                ? Optional.ofNullable(carrier.dataSubject())
                : Optional.empty();
    }
}
