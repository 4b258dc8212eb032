package io.orderengine.query.order;

import static io.orderengine.query.order.OrderDocuments.SUMMARY_FIELDS;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.orderengine.messages.query.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Pages of order list rows from the hot order detail collection alone, or from it and the archive together.
 * MongoDB cannot sort across two collections in one query here ({@code $unionWith} is missing on the embedded
 * server), so a page over both reads the first {@code offset + size} rows of each in the page's order and merges
 * them: cheap for the first pages, proportional to the page number deep down the list.
 */
final class OrderLists {

    private OrderLists() {}

    static OrderSummaryPage page(MongoCollection<Document> orders, Bson filter, Bson sort, PageRequest page) {
        List<OrderSummaryView> items = orders.find(filter)
                .projection(Projections.include(SUMMARY_FIELDS))
                .sort(sort)
                .skip((int) page.offset())
                .limit(page.size())
                .map(OrderDocuments::toSummary)
                .into(new ArrayList<>());
        return OrderSummaryPage.of(items, page, orders.countDocuments(filter));
    }

    /**
     * A page over {@code hot} and {@code archive} together; {@code order} must sort documents exactly as
     * {@code sort} does. An order found in both (archived while it changed) is listed once, as the hot copy.
     */
    static OrderSummaryPage merged(
            MongoCollection<Document> hot,
            MongoCollection<Document> archive,
            Bson filter,
            Bson sort,
            Comparator<Document> order,
            PageRequest page) {
        int window = (int) Math.min(Integer.MAX_VALUE, page.offset() + page.size());
        Map<String, Document> rows = new LinkedHashMap<>();
        long total = 0;
        for (MongoCollection<Document> orders : List.of(hot, archive)) {
            orders.find(filter)
                    .projection(Projections.include(SUMMARY_FIELDS))
                    .sort(sort)
                    .limit(window)
                    .forEach(row -> rows.putIfAbsent(row.getString("_id"), row));
            total += orders.countDocuments(filter);
        }
        List<OrderSummaryView> items = rows.values().stream()
                .sorted(order)
                .skip(page.offset())
                .limit(page.size())
                .map(OrderDocuments::toSummary)
                .toList();
        return OrderSummaryPage.of(items, page, total);
    }

    /**
     * The list rows of {@code orderIds}, in that order, read by {@code _id} from the first collection that holds each
     * (an order missing from all of them, archived or removed since the ids were read, is left out).
     */
    @SafeVarargs
    static List<OrderSummaryView> rows(List<String> orderIds, MongoCollection<Document>... sources) {
        Map<String, Document> found = new LinkedHashMap<>();
        for (MongoCollection<Document> source : sources) {
            List<String> missing =
                    orderIds.stream().filter(id -> !found.containsKey(id)).toList();
            if (missing.isEmpty()) {
                break;
            }
            source.find(Filters.in("_id", missing))
                    .projection(Projections.include(SUMMARY_FIELDS))
                    .forEach(row -> found.putIfAbsent(row.getString("_id"), row));
        }
        return orderIds.stream()
                .map(found::get)
                .filter(Objects::nonNull)
                .map(OrderDocuments::toSummary)
                .toList();
    }

    /** Newest first, ties by descending id: the order of {@code Sorts.descending(placedAt, _id)}. */
    static Comparator<Document> placedAtDescending() {
        return placedAtAscending().reversed();
    }

    static Comparator<Document> placedAtAscending() {
        return Comparator.<Document, java.util.Date>comparing(row -> row.getDate(OrderDocuments.PLACED_AT))
                .thenComparing(row -> row.getString("_id"));
    }

    static Comparator<Document> totalAscending() {
        return Comparator.<Document>comparingLong(row -> row.get(OrderDocuments.TOTALS, Document.class)
                        .get("totalMinor", Number.class)
                        .longValue())
                .thenComparing(row -> row.getString("_id"));
    }

    static Comparator<Document> totalDescending() {
        return totalAscending().reversed();
    }
}
