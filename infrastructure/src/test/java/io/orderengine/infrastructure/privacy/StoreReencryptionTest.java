package io.orderengine.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.orderengine.infrastructure.axon.AxonMongoConfiguration;
import io.orderengine.infrastructure.eventstore.MongoGlobalSequenceEventStorageEngine;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.OrderFixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A store written the way the engine wrote events before encryption (plain Jackson) keeps working, and the operator's
 * one-off copy into a new store leaves no personal data in plain in its events while they read back the same.
 */
class StoreReencryptionTest {

    private static final SecretKey MASTER = new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(), "AES");
    private static final String EMAIL = "ofra.legacy@example.com";
    private static final String NAME = "Ofra Legacy";

    @Test
    void aPlainStoreIsReadAsItIsAndCopiedWithItsPersonalDataEncrypted() {
        try (InMemoryMongo old = InMemoryMongo.start();
                InMemoryMongo fresh = InMemoryMongo.start()) {
            OrderPlacedEvent placed = OrderFixtures.aPlacedOrder()
                    .byCustomer("cust-legacy", EMAIL)
                    .shippedTo(NAME)
                    .withNotes("from " + NAME)
                    .build();
            OrderConfirmedEvent confirmed = OrderFixtures.confirmed(placed);
            String orderId = placed.orderId().value();
            engine(old.database(), plain())
                    .appendEvents(List.of(
                            new GenericDomainEventMessage<>("Order", orderId, 0, placed),
                            new GenericDomainEventMessage<>("Order", orderId, 1, confirmed)));
            assertThat(eventsJson(old.database())).contains(EMAIL, NAME);

            assertThat(read(old.database(), orderId)).containsExactly(placed, confirmed);
            // as the event log's sealer leaves them: links over the plain payloads, which the copy changes
            old.database()
                    .getCollection("events")
                    .updateMany(
                            new Document(),
                            new Document("$set", new Document("chainIndex", 1L).append("chainLink", "00")));
            old.database().getCollection("event_chain").insertOne(new Document("_id", "head"));

            StoreReencryption.Copied copied =
                    new StoreReencryption(fresh.database(), MASTER).copy(old.database(), fresh.database());

            assertThat(copied.encryptedEvents()).isEqualTo(1);
            assertThat(copied.documents()).isGreaterThanOrEqualTo(2);
            assertThat(eventsJson(fresh.database()))
                    .doesNotContain(EMAIL)
                    .doesNotContain(NAME)
                    .contains(PersonalDataCipher.PREFIX, placed.orderNumber().value());
            assertThat(read(fresh.database(), orderId)).containsExactly(placed, confirmed);
            assertThat(eventsJson(fresh.database())).doesNotContain("chainIndex", "chainLink");
            assertThat(fresh.database().getCollection("event_chain").countDocuments())
                    .as("the target's sealer chains the copy afresh")
                    .isZero();

            PersonalDataCipher cipher = cipher(fresh.database());
            cipher.keys().erase(cipher.keyId(placed.dataSubject()));
            OrderPlacedEvent erased =
                    (OrderPlacedEvent) read(fresh.database(), orderId).get(0);
            assertThat(erased.customer().email()).isEqualTo(PersonalData.ERASED);
            assertThat(erased.totals()).isEqualTo(placed.totals());

            assertThatThrownBy(() ->
                            new StoreReencryption(fresh.database(), MASTER).copy(old.database(), fresh.database()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("new, empty store");
        }
    }

    private static Serializer plain() {
        return JacksonSerializer.builder()
                .objectMapper(AxonMongoConfiguration.messageObjectMapper())
                .build();
    }

    private static PersonalDataCipher cipher(MongoDatabase database) {
        return PrivacyConfiguration.cipher(
                database, MASTER, new PrivacyProperties(null, null, 10, Duration.ofMinutes(1), true));
    }

    private static MongoGlobalSequenceEventStorageEngine engine(MongoDatabase database, Serializer serializer) {
        MongoGlobalSequenceEventStorageEngine engine = MongoGlobalSequenceEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(NoOpEventUpcaster.INSTANCE)
                .clock(Clock.systemUTC())
                .gapTimeout(Duration.ofSeconds(60))
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /** The order's events as the current build reads them (personal data opened with the store's keys). */
    private static List<Object> read(MongoDatabase database, String orderId) {
        List<Object> payloads = new ArrayList<>();
        engine(database, new PersonalDataSerializer(plain(), cipher(database)))
                .readEvents(orderId)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .forEach(payloads::add);
        return payloads;
    }

    private static String eventsJson(MongoDatabase database) {
        StringBuilder json = new StringBuilder();
        for (Document event : database.getCollection(StoreReencryption.EVENTS).find()) {
            json.append(event.toJson());
        }
        return json.toString();
    }
}
