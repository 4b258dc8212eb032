package io.orderengine.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.infrastructure.axon.AxonMongoConfiguration;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.ReturnLine;
import io.orderengine.messages.order.ReturnRequestedEvent;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.OrderFixtures;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PersonalDataSerializerTest {

    private static final SecretKey MASTER = new SecretKeySpec(new byte[32], "AES");
    private static final PrivacyProperties PROPERTIES =
            new PrivacyProperties(null, null, 100, Duration.ofMinutes(1), true);

    private static InMemoryMongo mongo;
    private static PersonalDataCipher cipher;
    private static Serializer plain;
    private static Serializer serializer;

    @BeforeAll
    static void start() {
        mongo = InMemoryMongo.start();
        cipher = PrivacyConfiguration.cipher(mongo.database(), MASTER, PROPERTIES);
        plain = JacksonSerializer.builder()
                .objectMapper(AxonMongoConfiguration.messageObjectMapper())
                .build();
        serializer = new PersonalDataSerializer(plain, cipher);
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static OrderPlacedEvent order(String email, String name) {
        return OrderFixtures.aPlacedOrder()
                .byCustomer("cust-" + Integer.toHexString(email.hashCode()), email)
                .shippedTo(name)
                .billedTo(name)
                .withNotes("leave it with " + name)
                .build();
    }

    @Test
    void personalFieldsAreStoredEncryptedAndReadBackWhole() {
        OrderPlacedEvent event = order("dana@example.com", "Dana Levi");

        SerializedObject<String> stored = serializer.serialize(event, String.class);

        assertThat(stored.getData())
                .doesNotContain("dana@example.com")
                .doesNotContain("Dana Levi")
                .doesNotContain("Herzl")
                .contains(PersonalDataCipher.PREFIX)
                .contains(event.orderNumber().value())
                .contains("\"country\":\"IL\"")
                .contains("\"total\":{\"amountMinor\":" + event.totals().total().amountMinor());
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void anEditsAddressesInsideItsListOfChangesAreEncryptedToo() {
        OrderPlacedEvent placed = order("omer@example.com", "Omer Katz");
        Address office = new Address("Omer Katz", null, "1 Office Tower", null, "Haifa", null, "3100001", "IL");
        OrderEditedEvent edited = new OrderEditedEvent(
                placed.orderId(),
                "ed-1",
                2,
                List.of(OrderEditChange.shipTo(office)),
                null,
                placed.lines(),
                List.of(),
                placed.totals(),
                placed.totals(),
                office,
                Money.zero(placed.totals().total().currency()),
                true,
                OrderFixtures.ADMIN,
                placed.customer(),
                null);

        SerializedObject<String> stored = serializer.serialize(edited, String.class);

        assertThat(stored.getData())
                .doesNotContain("omer@example.com")
                .doesNotContain("Omer Katz")
                .doesNotContain("Office Tower")
                .contains("\"country\":\"IL\"");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(edited);

        cipher.keys().erase(cipher.keyId(edited.dataSubject()));
        OrderEditedEvent read = serializer.deserialize(stored);
        assertThat(read.shippingAddress().line1()).isEqualTo(PersonalData.ERASED);
        assertThat(read.changes().get(0).address().fullName()).isEqualTo(PersonalData.ERASED);
        assertThat(read.changes().get(0).address().country()).isEqualTo("IL");
    }

    @Test
    void anErasedSubjectReadsAsThePlaceholderWhileAmountsStay() {
        OrderPlacedEvent event = order("erin@example.com", "Erin Shapiro");
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat(cipher.keys().erase(cipher.keyId(event.dataSubject()))).isTrue();
        assertThat(cipher.keys().erase(cipher.keyId(event.dataSubject()))).isFalse();

        OrderPlacedEvent read = serializer.deserialize(stored);
        assertThat(read.customer().email()).isEqualTo(PersonalData.ERASED);
        assertThat(read.shippingAddress().fullName()).isEqualTo(PersonalData.ERASED);
        assertThat(read.shippingAddress().line1()).isEqualTo(PersonalData.ERASED);
        assertThat(read.notes()).isEqualTo(PersonalData.ERASED);
        assertThat(read.shippingAddress().country())
                .isEqualTo(event.shippingAddress().country());
        assertThat(read.totals()).isEqualTo(event.totals());
        assertThat(read.orderNumber()).isEqualTo(event.orderNumber());
        assertThat(read.customer().customerId()).isEqualTo(event.customer().customerId());
    }

    @Test
    void aNewOrderAfterErasureGetsANewKeyAndTheOldOneStaysErased() {
        OrderPlacedEvent before = order("fay@example.com", "Fay Katz");
        SerializedObject<String> old = serializer.serialize(before, String.class);
        cipher.keys().erase(cipher.keyId(before.dataSubject()));

        OrderPlacedEvent after = order("fay@example.com", "Fay Katz");
        SerializedObject<String> fresh = serializer.serialize(after, String.class);

        assertThat(((OrderPlacedEvent) serializer.deserialize(fresh)).customer().email())
                .isEqualTo("fay@example.com");
        assertThat(((OrderPlacedEvent) serializer.deserialize(old)).customer().email())
                .isEqualTo(PersonalData.ERASED);
    }

    @Test
    void aReasonTheCustomerWroteIsTheirPersonalDataWhileAnAdminsStaysInClear() {
        OrderPlacedEvent placed = order("ilan@example.com", "Ilan Bar");
        Actor owner = Actor.customer(placed.customer().customerId());
        OrderCancelledEvent byOwner = new OrderCancelledEvent(
                placed.orderId(),
                OrderStatus.PENDING,
                owner,
                "found it cheaper, sorry Ilan",
                Money.zero("ILS"),
                false,
                placed.customer().ifWrittenBy(owner));
        ReturnRequestedEvent returned = new ReturnRequestedEvent(
                placed.orderId(),
                "R1",
                List.of(new ReturnLine(new SkuCode("MUG"), "Mug", 1, "chipped rim, Ilan's kitchen")),
                owner,
                placed.customer().ifWrittenBy(owner));
        OrderCancelledEvent byAdmin = new OrderCancelledEvent(
                placed.orderId(),
                OrderStatus.PENDING,
                OrderFixtures.ADMIN,
                "customer called",
                Money.zero("ILS"),
                false);

        SerializedObject<String> cancelled = serializer.serialize(byOwner, String.class);
        SerializedObject<String> requested = serializer.serialize(returned, String.class);

        assertThat(cancelled.getData()).doesNotContain("cheaper").contains(PersonalDataCipher.PREFIX);
        assertThat(requested.getData()).doesNotContain("chipped").contains("\"sku\"");
        assertThat(serializer.serialize(byAdmin, String.class).getData()).contains("customer called");
        assertThat((Object) serializer.deserialize(cancelled)).isEqualTo(byOwner);
        assertThat((Object) serializer.deserialize(requested)).isEqualTo(returned);

        cipher.keys().erase(cipher.keyId(placed.dataSubject()));
        assertThat(((OrderCancelledEvent) serializer.deserialize(cancelled)).note())
                .isEqualTo(PersonalData.ERASED);
        assertThat(((ReturnRequestedEvent) serializer.deserialize(requested))
                        .lines()
                        .get(0)
                        .reason())
                .isEqualTo(PersonalData.ERASED);
        assertThat(((ReturnRequestedEvent) serializer.deserialize(requested))
                        .lines()
                        .get(0)
                        .quantity())
                .isEqualTo(1);
    }

    @Test
    void aLaterEventOfAnErasedGuestKeepsNoPersonalDataAndMakesNoKey() {
        CustomerRef erasedGuest = CustomerRef.guest(PersonalData.ERASED, "a".repeat(64));
        Actor guest = Actor.guest(OrderFixtures.ORDER_ID.value());
        OrderCancelledEvent cancelled = new OrderCancelledEvent(
                OrderFixtures.ORDER_ID,
                OrderStatus.PENDING,
                guest,
                "never mind",
                Money.zero("ILS"),
                false,
                erasedGuest.ifWrittenBy(guest));
        long keys = mongo.database().getCollection(DataKeys.COLLECTION).countDocuments();

        SerializedObject<String> stored = serializer.serialize(cancelled, String.class);

        assertThat(stored.getData()).doesNotContain("never mind");
        assertThat(((OrderCancelledEvent) serializer.deserialize(stored)).note())
                .isEqualTo(PersonalData.ERASED);
        assertThat(mongo.database().getCollection(DataKeys.COLLECTION).countDocuments())
                .isEqualTo(keys);
    }

    @Test
    void eventsStoredBeforeEncryptionAreReadAsTheyAre() {
        OrderPlacedEvent event = order("gil@example.com", "Gil Amir");
        SerializedObject<String> legacy = plain.serialize(event, String.class);
        assertThat(legacy.getData()).contains("gil@example.com");

        assertThat((Object) serializer.deserialize(legacy)).isEqualTo(event);
    }

    @Test
    void eventsWithoutPersonalDataPassThroughUnchanged() {
        OrderShippedEvent shipped = OrderFixtures.shipped(OrderFixtures.ORDER_ID, "TRACK-1");
        assertThat(serializer.serialize(shipped, String.class).getData())
                .isEqualTo(plain.serialize(shipped, String.class).getData());
    }

    @Test
    void aGuestIsOneSubjectWhateverTheCaseOfTheirEmail() {
        assertThat(cipher.keyId(DataSubject.guest(" Hana@Example.com ")))
                .isEqualTo(cipher.keyId(DataSubject.guest("hana@example.com")))
                .isNotEqualTo(cipher.keyId(DataSubject.customer("hana@example.com")))
                .hasSize(64);
    }

    @Test
    void theProdProfileRefusesToStartWithoutAMasterKey() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> MasterKey.resolve(PROPERTIES, prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("engine.privacy.master-key is required with the prod profile");

        String configured = Base64.getEncoder().encodeToString(new byte[32]);
        PrivacyProperties withKey = new PrivacyProperties(configured, null, 100, Duration.ofMinutes(1), true);
        assertThat(MasterKey.resolve(withKey, prod).getEncoded()).hasSize(32);
    }
}
