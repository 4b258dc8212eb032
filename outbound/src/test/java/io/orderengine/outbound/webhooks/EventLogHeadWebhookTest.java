package io.orderengine.outbound.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.infrastructure.eventstore.EventLogVerifier.EventLogVerification;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled verification's outcome goes out as {@code event_log.head} to the endpoints subscribed to it, and only
 * to those: the head when the chain holds, the first broken position when it does not.
 */
class EventLogHeadWebhookTest {

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));
    private final WebhookEndpoints endpoints = new WebhookEndpoints(mongo.database(), clock);
    private final WebhookDeliveries deliveries = new WebhookDeliveries(mongo.database());
    private final EventLogHeadWebhook webhook = new EventLogHeadWebhook(endpoints, deliveries, clock);

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void theHeadGoesToSubscribedEndpointsOnly() {
        WebhookEndpoints.Endpoint archive = endpoints.register(
                "https://archive.example.com/heads", "s3cret", List.of(WebhookEventType.EVENT_LOG_HEAD), "archive");
        WebhookEndpoints.Endpoint erp = endpoints.register(
                "https://erp.example.com/hooks", "s3cret", List.of(WebhookEventType.ORDER_CONFIRMED), "ERP");
        String head = "ab".repeat(32);

        webhook.verified(new EventLogVerification(true, 42, head, clock.instant(), null, null));

        assertThat(deliveries.ofEndpoint(erp.id(), 0, 10)).isEmpty();
        assertThat(deliveries.ofEndpoint(archive.id(), 0, 10)).singleElement().satisfies(delivery -> {
            assertThat(delivery.eventType()).isEqualTo("event_log.head");
            assertThat(delivery.body())
                    .contains("\"type\":\"event_log.head\"")
                    .contains("\"verified\":true")
                    .contains("\"events\":42")
                    .contains("\"head\":\"" + head + "\"");
        });
    }

    @Test
    void aBrokenChainIsSentWithItsPositionAndReason() {
        WebhookEndpoints.Endpoint archive = endpoints.register(
                "https://archive.example.com/heads", "s3cret", List.of(WebhookEventType.EVENT_LOG_HEAD), "archive");

        webhook.verified(new EventLogVerification(false, 0, null, clock.instant(), 7L, "changed"));

        assertThat(deliveries.ofEndpoint(archive.id(), 0, 10))
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.body())
                        .contains("\"verified\":false")
                        .contains("\"firstBrokenPosition\":7")
                        .contains("\"reason\":\"changed\"")
                        .doesNotContain("\"head\""));
    }
}
