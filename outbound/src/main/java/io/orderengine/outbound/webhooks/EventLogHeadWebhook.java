package io.orderengine.outbound.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.infrastructure.eventstore.EventLogHeadListener;
import io.orderengine.infrastructure.eventstore.EventLogVerifier.EventLogVerification;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sends the outcome of each scheduled verification of the event log as the webhook {@code event_log.head} to the
 * endpoints subscribed to it, so a copy of the chain's head is held outside the engine's database (whoever could
 * rewrite the whole chain in the database cannot rewrite what the receivers kept). Body:
 * {@code {"id":"event-log-head-<ms>","type":"event_log.head","createdAt":…,"data":{"verified":true,"events":N,
 * "head":"<hex>"}}}, or {@code data} with {@code verified:false}, {@code firstBrokenPosition} and {@code reason}.
 */
@Component
class EventLogHeadWebhook implements EventLogHeadListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final Clock clock;

    EventLogHeadWebhook(WebhookEndpoints endpoints, WebhookDeliveries deliveries, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public void verified(EventLogVerification verification) {
        List<WebhookEndpoints.Endpoint> subscribed = endpoints.subscribedTo(WebhookEventType.EVENT_LOG_HEAD);
        if (subscribed.isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verified", verification.verified());
        if (verification.verified()) {
            data.put("events", verification.events());
            data.put("head", verification.head());
        } else {
            data.put("firstBrokenPosition", verification.firstBrokenPosition());
            data.put("reason", verification.reason());
        }
        String id = "event-log-head-" + verification.at().toEpochMilli();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id);
        envelope.put("type", WebhookEventType.EVENT_LOG_HEAD.wireName());
        envelope.put("createdAt", verification.at().toString());
        envelope.put("data", data);
        String body;
        try {
            body = JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event_log.head webhook body could not be written", e);
        }
        for (WebhookEndpoints.Endpoint endpoint : subscribed) {
            deliveries.enqueue(id, endpoint.id(), WebhookEventType.EVENT_LOG_HEAD, body, clock.instant());
        }
    }
}
