package io.orderengine.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Writes the order lists ({@code order_list_index}, the layout of the query side's {@code OrderListIndex}) for the
 * synthetic orders the query scenario inserts straight into {@code order_details} (order {@code i} is
 * {@code bench-order-<i>}, customer {@code bench-customer-<i mod customers>}, placed 2025-01-01 plus {@code i}
 * seconds), as the projection would have written them had the orders been placed through checkout.
 */
final class OrderListSeed {

    static final Instant FIRST = Instant.parse("2025-01-01T00:00:00Z");
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final int LATEST_SIZE = 1_000;
    private static final Comparator<Document> NEWEST_FIRST = Comparator.<Document, Date>comparing(e -> e.getDate("p"))
            .thenComparing(e -> e.getString("o"))
            .reversed();

    private OrderListSeed() {}

    static void seed(MongoDatabase database, int orders, int customers, String status) {
        MongoCollection<Document> index = database.getCollection("order_list_index");
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        for (int customer = 0; customer < customers; customer++) {
            String head = "c|bench-customer-" + customer;
            Map<String, List<Document>> months = new LinkedHashMap<>();
            for (long i = customer; i < orders; i += customers) {
                Date placedAt = placedAt(i);
                months.computeIfAbsent(MONTH.format(placedAt.toInstant()), m -> new ArrayList<>())
                        .add(new Document("o", "bench-order-" + i)
                                .append("p", placedAt)
                                .append("s", status)
                                .append("h", true));
            }
            Document monthFlags = new Document();
            months.forEach((month, entries) -> {
                entries.sort(NEWEST_FIRST);
                monthFlags.append(month, true);
                index.replaceOne(
                        Filters.eq("_id", head + "|" + month),
                        new Document("_id", head + "|" + month).append("e", entries),
                        upsert);
            });
            index.replaceOne(Filters.eq("_id", head), new Document("_id", head).append("m", monthFlags), upsert);
        }
        Document latest = index.find(Filters.eq("_id", "latest")).first();
        List<Document> entries = new ArrayList<>(latest == null ? List.of() : latest.getList("e", Document.class));
        for (long i = Math.max(0, orders - LATEST_SIZE - 1); i < orders; i++) {
            String id = "bench-order-" + i;
            if (entries.stream().noneMatch(e -> id.equals(e.getString("o")))) {
                entries.add(new Document("o", id).append("p", placedAt(i)));
            }
        }
        entries.sort(NEWEST_FIRST);
        Document floor = latest == null ? null : latest.get("floor", Document.class);
        if (entries.size() > LATEST_SIZE) {
            Document dropped = entries.get(LATEST_SIZE);
            floor = floor == null || NEWEST_FIRST.compare(dropped, floor) < 0 ? dropped : floor;
            entries = new ArrayList<>(entries.subList(0, LATEST_SIZE));
        }
        index.replaceOne(
                Filters.eq("_id", "latest"),
                new Document("_id", "latest")
                        .append("e", entries)
                        .append("floor", floor)
                        .append("v", (long) entries.hashCode()),
                upsert);
    }

    static Date placedAt(long i) {
        return Date.from(FIRST.plusSeconds(i));
    }
}
