package io.orderengine.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Grows the event log for the replay scenario without hours of checkouts: the events of the orders placed through
 * the API are copied under new order ids and order numbers, appended at new global positions from the event store's
 * own position counter (documents in the event store's format, see docs/adr/0001-event-store.md).
 */
final class OrderHistoryCopies {

    private static final Pattern ORDER_NUMBER = Pattern.compile("ORD-\\d{8}-\\d{6}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private OrderHistoryCopies() {
    }

    static long append(MongoDatabase database, int copies) {
        MongoCollection<Document> events = database.getCollection("events");
        Map<String, List<Document>> orders = new LinkedHashMap<>();
        for (Document event : events.find(Filters.regex("payloadType", "^io\\.orderengine\\.messages\\.order\\."))) {
            orders.computeIfAbsent(event.getString("aggregateIdentifier"), id -> new ArrayList<>()).add(event);
        }
        orders.values().forEach(stream -> stream.sort((a, b) -> Long.compare(a.getLong("sequenceNumber"),
                b.getLong("sequenceNumber"))));
        long appended = 0;
        for (int copy = 1; copy <= copies; copy++) {
            String day = LocalDate.of(2099, 1, 1).plusDays(copy).format(DAY);
            int number = 0;
            List<Document> commit = new ArrayList<>();
            for (Map.Entry<String, List<Document>> order : orders.entrySet()) {
                String oldId = order.getKey();
                String newId = UUID.randomUUID().toString();
                String newNumber = String.format("ORD-%s-%06d", day, ++number);
                for (Document original : order.getValue()) {
                    Document event = new Document(original);
                    event.put("aggregateIdentifier", newId);
                    event.put("eventIdentifier", UUID.randomUUID().toString());
                    event.put("streamKey", newId + original.getString("streamKey").substring(oldId.length()));
                    event.put("serializedPayload", rewrite(original.getString("serializedPayload"), oldId, newId, newNumber));
                    event.put("serializedMetaData", rewrite(original.getString("serializedMetaData"), oldId, newId, newNumber));
                    commit.add(event);
                }
                if (commit.size() >= 500) {
                    appended += insert(database, events, commit);
                    commit = new ArrayList<>();
                }
            }
            if (!commit.isEmpty()) {
                appended += insert(database, events, commit);
            }
        }
        return appended;
    }

    private static String rewrite(String json, String oldId, String newId, String newNumber) {
        if (json == null) {
            return null;
        }
        return ORDER_NUMBER.matcher(json.replace(oldId, newId)).replaceAll(Matcher.quoteReplacement(newNumber));
    }

    private static long insert(MongoDatabase database, MongoCollection<Document> events, List<Document> commit) {
        Document before = database.getCollection("event_positions").findOneAndUpdate(Filters.eq("_id", "events"),
                new Document("$inc", new Document("last", (long) commit.size())),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long first = (before == null ? 0 : ((Number) before.get("last")).longValue()) + 1;
        long now = System.currentTimeMillis();
        for (int i = 0; i < commit.size(); i++) {
            commit.get(i).put("_id", first + i);
            commit.get(i).put("allocatedAt", now);
        }
        events.insertMany(commit);
        return commit.size();
    }
}
