package io.orderengine.outbound.webhooks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The endpoints admins registered ({@code webhook_endpoints}): where to post, the secret deliveries are signed with
 * and the event types wanted. The secret is kept as given, because every delivery needs it to sign; it is shown
 * only once, in the answer to the registration.
 */
@Component
public class WebhookEndpoints {

    public static final String COLLECTION = "webhook_endpoints";

    /** A registered endpoint. {@code eventTypes} hold wire names such as {@code order.confirmed}. */
    public record Endpoint(
            String id, String url, String secret, List<String> eventTypes, String description, Instant createdAt) {
        public Endpoint {
            eventTypes = List.copyOf(eventTypes);
        }
    }

    private final MongoCollection<Document> endpoints;
    private final Clock clock;

    public WebhookEndpoints(MongoDatabase database, Clock clock) {
        this.endpoints = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    public Endpoint register(String url, String secret, List<WebhookEventType> types, String description) {
        Endpoint endpoint = new Endpoint(
                UUID.randomUUID().toString(),
                url,
                secret,
                types.stream().map(WebhookEventType::wireName).distinct().toList(),
                description,
                clock.instant());
        endpoints.insertOne(new Document("_id", endpoint.id())
                .append("url", endpoint.url())
                .append("secret", endpoint.secret())
                .append("eventTypes", endpoint.eventTypes())
                .append("description", endpoint.description())
                .append("createdAt", Date.from(endpoint.createdAt())));
        return endpoint;
    }

    public Optional<Endpoint> find(String id) {
        return Optional.ofNullable(endpoints.find(Filters.eq("_id", id)).first())
                .map(WebhookEndpoints::endpoint);
    }

    /** Endpoints subscribed to {@code type} (there are few endpoints; this reads them all). */
    public List<Endpoint> subscribedTo(WebhookEventType type) {
        List<Endpoint> subscribed = new ArrayList<>();
        for (Document document : endpoints.find()) {
            Endpoint endpoint = endpoint(document);
            if (endpoint.eventTypes().contains(type.wireName())) {
                subscribed.add(endpoint);
            }
        }
        return subscribed;
    }

    public List<Endpoint> page(int page, int size) {
        List<Endpoint> items = new ArrayList<>();
        endpoints
                .find()
                .sort(Sorts.ascending("createdAt"))
                .skip(page * size)
                .limit(size)
                .forEach(document -> items.add(endpoint(document)));
        return items;
    }

    public long count() {
        return endpoints.countDocuments();
    }

    public boolean delete(String id) {
        return endpoints.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
    }

    private static Endpoint endpoint(Document document) {
        Date createdAt = document.getDate("createdAt");
        return new Endpoint(
                document.getString("_id"),
                document.getString("url"),
                document.getString("secret"),
                document.getList("eventTypes", String.class),
                document.getString("description"),
                createdAt == null ? null : createdAt.toInstant());
    }
}
