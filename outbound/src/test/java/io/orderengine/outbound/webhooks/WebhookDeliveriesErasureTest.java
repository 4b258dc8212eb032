package io.orderengine.outbound.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An erased customer's e-mail, name, address and written reasons leave the stored bodies of their orders' webhook
 * deliveries (sent or still waiting, and those stored before deliveries named their order), while amounts, ids and
 * other orders' deliveries stay as they were.
 */
class WebhookDeliveriesErasureTest {

    private static final String ERASED_ORDER = "5f0c9b7a-1d2e-4f3a-9b8c-7d6e5f4a3b21";
    private static final String OTHER_ORDER = "0b6f3c2a-9e8d-4c7b-a6f5-e4d3c2b1a098";
    private static final Instant NOW = Instant.parse("2025-11-22T10:00:00Z");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final WebhookDeliveries deliveries = new WebhookDeliveries(mongo.database());

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private static String body(String orderId, String email, String name) {
        return """
                {"id":"evt-x","type":"order.cancelled","data":{"orderId":"%s","orderNumber":"SO-1",\
                "customer":{"customerId":"c-1","email":"%s","guest":false},\
                "totals":{"totalMinor":1500},"shippingAddress":{"fullName":"%s","line1":"9 Quiet Mews",\
                "city":"Haifa","postalCode":"3100001","country":"IL"},\
                "reason":"%s found it cheaper","refundDueMinor":0}}""".formatted(orderId, email, name, name);
    }

    private String stored() {
        List<String> all = new ArrayList<>();
        mongo.database()
                .getCollection(WebhookDeliveries.COLLECTION)
                .find()
                .forEach(document -> all.add(document.toJson()));
        return String.join("\n", all);
    }

    @Test
    void theBodiesOfAnErasedCustomersOrdersLoseTheirPersonalDataOnly() {
        deliveries.enqueue(
                "evt-1",
                "ep-1",
                WebhookEventType.ORDER_CANCELLED,
                body(ERASED_ORDER, "zed@example.com", "Zed Quill"),
                ERASED_ORDER,
                NOW);
        deliveries.enqueue(
                "evt-old",
                "ep-1",
                WebhookEventType.ORDER_CANCELLED,
                body(ERASED_ORDER, "zed2@example.com", "Zed Quill"),
                NOW);
        deliveries.enqueue(
                "evt-2",
                "ep-1",
                WebhookEventType.ORDER_CANCELLED,
                body(OTHER_ORDER, "amy@example.com", "Amy Other").replace("Quiet", "Busy"),
                OTHER_ORDER,
                NOW);

        int changed = deliveries.erasePersonalData(List.of(ERASED_ORDER));

        assertThat(changed).isEqualTo(2);
        assertThat(stored())
                .doesNotContain("zed@example.com", "zed2@example.com", "Zed Quill", "Quiet Mews")
                .contains("amy@example.com", "Amy Other");
        String erased = deliveries
                .find(WebhookDeliveries.idOf("evt-1", "ep-1"))
                .orElseThrow()
                .body();
        assertThat(erased).contains(PersonalData.ERASED, "\"country\":\"IL\"", "\"totalMinor\":1500", ERASED_ORDER);
        assertThat(mongo.database()
                        .getCollection(WebhookDeliveries.COLLECTION)
                        .countDocuments(new Document("status", "PENDING")))
                .isEqualTo(3);
    }
}
