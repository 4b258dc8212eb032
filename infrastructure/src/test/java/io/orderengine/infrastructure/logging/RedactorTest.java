package io.orderengine.infrastructure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.testkit.OrderFixtures;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void hidesEmailLocalPartsButKeepsTheDomain() {
        assertThat(Redactor.redact("mail to noa.cohen@example.com failed"))
                .isEqualTo("mail to n***@example.com failed");
    }

    @Test
    void hidesInternationalPhoneNumbers() {
        assertThat(Redactor.redact("phone +972 50-111-2233 given")).isEqualTo("phone [phone] given");
    }

    @Test
    void hidesTokensAndSecrets() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz";
        assertThat(Redactor.redact("Authorization: Bearer " + jwt))
                .doesNotContain(jwt)
                .doesNotContain("c2lnbmF0");
        assertThat(Redactor.redact("token " + jwt)).isEqualTo("token [jwt]");
        assertThat(Redactor.redact("key sk_test_51abcDEF and whsec_abc123"))
                .isEqualTo("key [stripe-key] and [webhook-secret]");
        assertThat(Redactor.redact("pi_3Nabc_secret_XYZ123")).isEqualTo("[client-secret]");
        assertThat(Redactor.redact("{\"password\":\"hunter2\"}")).isEqualTo("{\"password\":\"[redacted]\"}");
    }

    @Test
    void anEventMessageAsAxonLogsItCarriesNoNameAddressOrNote() {
        // Axon writes the whole message into some of its log lines, e.g. "Adding dead letter [...]"
        OrderPlacedEvent placed = OrderFixtures.aPlacedOrder()
                .shippedTo(OrderFixtures.ROTHSCHILD_BLVD)
                .withNotes("ring Noa at the back door")
                .build();
        String line = Redactor.redact("Adding dead letter [" + GenericEventMessage.asEventMessage(placed) + "]");

        assertThat(line)
                .contains(placed.orderNumber().value(), "country=IL")
                .doesNotContain("Noa", "Rothschild", "6688101", "back door", "alice@");
    }

    @Test
    void leavesOrderNumbersIdsAndTimesAlone() {
        String line =
                "order ORD-20261122-000001 (3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f) confirmed at 2026-11-22T05:34:20Z, 1250 EUR";
        assertThat(Redactor.redact(line)).isEqualTo(line);
    }
}
