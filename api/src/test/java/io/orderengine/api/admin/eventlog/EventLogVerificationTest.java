package io.orderengine.api.admin.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/admin/event-log/verification} on a running engine: the events of a few SKUs are chained and
 * verify; an amount edited in a stored event through the MongoDB driver is reported at that event's position, and so
 * is a removed event (at the event after it); putting the original back makes the log verify again. Admin only.
 */
class EventLogVerificationTest {

    private static final String URL = "/api/v1/admin/event-log/verification";

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static String admin;
    static MongoCollection<Document> events;

    @BeforeAll
    static void startAnEngineWithAFewSkus() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.event-log.seal-interval", "200ms");
        properties.put("engine.event-log.settle", "300ms");
        engine = RunningEngine.start(properties);
        client = engine.client();
        admin = client.token("ops-1", "ADMIN");
        for (String sku : new String[] {"CHAIN-MUG", "CHAIN-CAP", "CHAIN-TEE"}) {
            assertThat(client.registerSku(admin, sku, 1250, 10).status()).isEqualTo(204);
        }
        events = engine.bean(MongoDatabase.class).getCollection("events");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static JsonNode verification() {
        EngineClient.Reply reply = client.get(URL, admin);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    /** Waits until every stored event is chained and the log verifies. */
    private static JsonNode verifiedWithEveryEventChained() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode answer = verification();
            return answer.path("verified").asBoolean() && answer.path("events").asLong() == events.countDocuments();
        });
        return verification();
    }

    @Test
    void aCleanLogVerifiesAndATamperedAmountOrARemovedEventIsReportedAtItsPosition() {
        JsonNode clean = verifiedWithEveryEventChained();
        assertThat(clean.path("events").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(clean.path("head").asText()).matches("[0-9a-f]{64}");
        assertThat(clean.has("at")).isTrue();
        assertThat(clean.has("firstBrokenPosition")).isFalse();

        Document registered = events.find(Filters.and(
                        Filters.regex("payloadType", "SkuRegisteredEvent$"),
                        Filters.eq("aggregateIdentifier", "CHAIN-CAP")))
                .first();
        assertThat(registered).isNotNull();
        long position = ((Number) registered.get("_id")).longValue();
        String payload = registered.getString("serializedPayload");
        assertThat(payload).contains("1250");
        events.updateOne(Filters.eq("_id", position), Updates.set("serializedPayload", payload.replace("1250", "125")));

        JsonNode tampered = verification();
        assertThat(tampered.path("verified").asBoolean()).isFalse();
        assertThat(tampered.path("firstBrokenPosition").asLong()).isEqualTo(position);
        assertThat(tampered.path("reason").asText()).contains("does not match its link");
        assertThat(tampered.has("head")).isFalse();

        events.updateOne(Filters.eq("_id", position), Updates.set("serializedPayload", payload));
        assertThat(verification().path("verified").asBoolean()).isTrue();

        long first =
                ((Number) events.find().sort(new Document("_id", 1)).first().get("_id")).longValue();
        Document removed = events.find(Filters.eq("_id", first)).first();
        events.deleteOne(Filters.eq("_id", first));
        JsonNode gone = verification();
        assertThat(gone.path("verified").asBoolean()).isFalse();
        assertThat(gone.path("firstBrokenPosition").asLong()).isGreaterThan(first);
        assertThat(gone.path("reason").asText()).contains("was removed");

        events.insertOne(removed);
        assertThat(verification().path("verified").asBoolean()).isTrue();
    }

    @Test
    void onlyAdminsMayAsk() {
        assertThat(client.get(URL, null).status()).isEqualTo(401);
        assertThat(client.get(URL, client.token("alice", "CUSTOMER")).status()).isEqualTo(403);
    }
}
