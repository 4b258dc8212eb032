package io.orderengine.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.infrastructure.privacy.PersonalDataCipher;
import io.orderengine.infrastructure.privacy.PersonalJson;
import io.orderengine.infrastructure.privacy.PrivacyConfiguration;
import io.orderengine.infrastructure.privacy.PrivacyProperties;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provider payloads in the webhook inbox keep their payer's personal data encrypted with the data key of the order's
 * subject: the stored document shows no e-mail or name, a retry after a failure reads the payload as received, and
 * once the subject is erased the stored payload reveals nothing personal while its ids and amounts still serve.
 */
class EncryptedInboxPayloadsTest {

    private static final String EMAIL = "payer.quimby@example.com";
    private static final String NAME = "Quimby Paysalot";
    private static final String STREET = "12 Ledger Row";
    private static final String ORDER = "5f0c9b7a-1d2e-4f3a-9b8c-7d6e5f4a3b21";
    private static final DataSubject SUBJECT = DataSubject.customer("cust-quimby");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final PersonalDataCipher cipher = PrivacyConfiguration.cipher(
            mongo.database(),
            new SecretKeySpec(new byte[32], "AES"),
            new PrivacyProperties(null, null, 10, Duration.ofMinutes(1), true));
    private final PaymentLedger ledger = new PaymentLedger(mongo.database(), clock);
    private final Map<OrderId, DataSubject> placements = Map.of(new OrderId(ORDER), SUBJECT);
    private final EncryptedInboxPayloads protection =
            new EncryptedInboxPayloads(new PersonalJson(cipher), id -> Optional.ofNullable(placements.get(id)), ledger);
    private final WebhookInbox inbox =
            new WebhookInbox(mongo.database(), clock, InboxProperties.defaults(), protection);
    private final List<String> replayed = new ArrayList<>();

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private static String stripeEvent(String id, String orderId) {
        return """
                {"id":"%s","type":"payment_intent.payment_failed","data":{"object":{"id":"pi_1","amount":2500,\
                "metadata":{"order_id":"%s"},"receipt_email":"%s","last_payment_error":{"message":"card declined",\
                "payment_method":{"billing_details":{"email":"%s","name":"%s","phone":"+15550100",\
                "address":{"line1":"%s","city":"Springfield","country":"US"}}}},\
                "shipping":{"name":"%s","address":{"line1":"%s","country":"US"}}}}}""".formatted(id, orderId, EMAIL, EMAIL, NAME, STREET, NAME, STREET);
    }

    private String stored(String id) {
        Document document = mongo.database()
                .getCollection(InboxEntries.COLLECTION)
                .find(new Document("_id", id))
                .first();
        assertThat(document).as(id).isNotNull();
        return document.toJson();
    }

    @Test
    void theStoredPayloadHoldsNoPersonalDataInClearAndARetryReadsItAsReceived() {
        String payload = stripeEvent("evt_1", ORDER);
        inbox.register("stripe", (type, body) -> replayed.add(body));
        assertThatThrownBy(() -> inbox.process("stripe", "evt_1", "payment_intent.payment_failed", payload, () -> {
                    throw new IllegalStateException("command bus down");
                }))
                .isInstanceOf(WebhookProcessingException.class);

        String raw = stored("stripe:evt_1");
        assertThat(raw).doesNotContain(EMAIL, "Quimby", "Ledger Row", "15550100");
        assertThat(raw).contains(ORDER, "pi_1", "2500", "card declined", "\\\"US\\\"");

        clock.advance(Duration.ofMinutes(1));
        assertThat(inbox.retryDue(10)).isEqualTo(1);
        assertThat(replayed).hasSize(1);
        assertThat(replayed.get(0)).contains(EMAIL, NAME, STREET, ORDER);
        assertThat(inbox.entry("stripe", "evt_1").orElseThrow().status()).isEqualTo("PROCESSED");
    }

    @Test
    void afterTheSubjectIsErasedTheStoredPayloadRevealsNoPersonalDataButStillNamesItsOrder() {
        inbox.register("stripe", (type, body) -> {
            replayed.add(body);
            throw new IllegalStateException("still down");
        });
        assertThatThrownBy(() -> inbox.process(
                        "stripe", "evt_2", "payment_intent.payment_failed", stripeEvent("evt_2", ORDER), () -> {
                            throw new IllegalStateException("command bus down");
                        }))
                .isInstanceOf(WebhookProcessingException.class);

        cipher.keys().erase(cipher.keyId(SUBJECT));
        inbox.retry("stripe:evt_2");

        assertThat(replayed).hasSize(1);
        assertThat(replayed.get(0))
                .doesNotContain(EMAIL, "Quimby", "Ledger Row")
                .contains(PersonalData.ERASED);
        assertThat(protection.orderOf("stripe", replayed.get(0))).contains(new OrderId(ORDER));
        assertThat(stored("stripe:evt_2")).doesNotContain(EMAIL, "Quimby", "Ledger Row");
    }

    @Test
    void aPayloadWhoseOrderIsUnknownKeepsNoPersonalDataAtAll() {
        String sealed = protection.protect("stripe", stripeEvent("evt_3", "9a7e0c1e-0000-4000-8000-00000000dead"));

        assertThat(sealed)
                .doesNotContain(EMAIL, "Quimby", "Ledger Row")
                .contains("9a7e0c1e-0000-4000-8000-00000000dead", "2500");
        assertThat(protection.reveal("stripe", sealed))
                .contains(PersonalData.ERASED)
                .doesNotContain(EMAIL);
    }

    @Test
    void aPayPalRefundIsTracedToItsOrderThroughTheLedgersCapture() {
        ledger.recordCapture(PaymentMethod.PAYPAL, "CAP-9", new OrderId(ORDER), "PP-ORDER-9", Money.of(2500, "ILS"));
        String refund = """
                {"id":"WH-9","event_type":"PAYMENT.CAPTURE.REFUNDED","resource":{"id":"RF-9",\
                "amount":{"value":"25.00","currency_code":"ILS"},"payer":{"email_address":"%s",\
                "name":{"given_name":"Quimby","surname":"Paysalot"}},\
                "links":[{"rel":"up","href":"https://api.paypal.test/v2/payments/captures/CAP-9"}]}}""".formatted(EMAIL);

        String sealed = protection.protect("paypal", refund);

        assertThat(sealed).doesNotContain(EMAIL, "Quimby", "Paysalot").contains("RF-9", "25.00", "CAP-9");
        assertThat(protection.reveal("paypal", sealed)).contains(EMAIL, "Quimby", "Paysalot");
    }
}
