package io.orderengine.query.order;

import static io.orderengine.query.order.OrderDocuments.PLACED_AT;
import static io.orderengine.query.order.OrderListIndex.COLLECTION;
import static io.orderengine.query.order.OrderListIndex.LATEST;
import static io.orderengine.query.order.OrderListIndex.NEWEST_FIRST;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.orderengine.query.projection.ProjectionTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bson.Document;

/**
 * The {@value OrderListIndex#LATEST} document of the {@link OrderListIndex}: the newest hot orders of all customers
 * ({@code e: [{o, p}]}, newest first, at most the configured size) and {@code floor}, the newest order ever dropped
 * from them. Every change reads the document, changes the entries and writes them back by compare-and-set on a hash
 * of the content ({@code v}), retried when another writer came first.
 */
final class LatestOrders {

    private static final int CAS_ATTEMPTS = 100;
    private static final ConcurrentMap<String, Object> LATEST_LOCKS = new ConcurrentHashMap<>();

    private final ProjectionTarget target;
    private final int latestSize;

    LatestOrders(ProjectionTarget target, int latestSize) {
        this.target = target;
        this.latestSize = latestSize;
    }

    private MongoCollection<Document> collection() {
        return target.collection(COLLECTION);
    }

    /**
     * Adds the orders to the latest orders (one compare-and-set for all of them); an order older than the newest
     * one ever dropped is not added (orders between it and the kept ones were dropped), nor one already there.
     */
    void add(List<Document> orders) {
        changeLatest((entries, floor) -> {
            List<Document> changed = new ArrayList<>(entries);
            boolean added = false;
            for (Document order : orders) {
                Document entry = new Document("o", order.getString("_id")).append("p", order.getDate(PLACED_AT));
                if (floor != null && NEWEST_FIRST.compare(entry, floor) >= 0
                        || changed.stream().anyMatch(e -> e.getString("o").equals(entry.getString("o")))) {
                    continue;
                }
                changed.add(entry);
                added = true;
            }
            if (!added) {
                return null;
            }
            changed.sort(NEWEST_FIRST);
            return changed;
        });
    }

    /** Removes the order from the latest orders (nothing changes when it is not among them). */
    void remove(String orderId) {
        changeLatest((entries, floor) ->
                entries.stream().anyMatch(e -> e.getString("o").equals(orderId))
                        ? entries.stream()
                                .filter(e -> !e.getString("o").equals(orderId))
                                .toList()
                        : null);
    }

    private interface EntriesChange {
        /** The new entries, or null when nothing changes; {@code floor} is the newest order ever dropped, or null. */
        List<Document> apply(List<Document> entries, Document floor);
    }

    /**
     * Read, change, compare-and-set on the content hash; retried when another thread changed the document first.
     * Within one engine the changes are also serialised by a lock per collection: the embedded server's in-memory
     * backend was seen to let two conditional replaces of the same version both succeed (an order then went missing
     * from the list, about one run in three of {@code OrderListIndexTest}); the compare-and-set still guards against
     * other engine instances on a real MongoDB.
     */
    private void changeLatest(EntriesChange change) {
        synchronized (LATEST_LOCKS.computeIfAbsent(target.name(COLLECTION), name -> new Object())) {
            changeLatestUnlocked(change);
        }
    }

    private void changeLatestUnlocked(EntriesChange change) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Document current = collection().find(Filters.eq("_id", LATEST)).first();
            List<Document> entries = current == null ? List.of() : current.getList("e", Document.class, List.of());
            Document floor = current == null ? null : current.get("floor", Document.class);
            List<Document> changed = change.apply(entries, floor);
            if (changed == null) {
                return;
            }
            if (changed.size() > latestSize) {
                floor = changed.get(latestSize);
                changed = new ArrayList<>(changed.subList(0, latestSize));
            }
            Document next = new Document("_id", LATEST)
                    .append("e", changed)
                    .append("floor", floor)
                    .append("v", hash(changed, floor));
            if (current == null) {
                try {
                    collection().insertOne(next);
                    return;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue;
                }
            }
            if (collection()
                            .replaceOne(Filters.and(Filters.eq("_id", LATEST), Filters.eq("v", current.get("v"))), next)
                            .getMatchedCount()
                    > 0) {
                return;
            }
        }
        throw new IllegalStateException(
                target.name(COLLECTION) + ": the latest orders kept changing under " + CAS_ATTEMPTS + " attempts");
    }

    private static long hash(List<Document> entries, Document floor) {
        long hash = 1125899906842597L;
        for (Document entry : entries) {
            hash = 31 * hash + entry.getString("o").hashCode();
            hash = 31 * hash + entry.getDate("p").getTime();
        }
        if (floor != null) {
            hash = 31 * hash
                    + floor.getString("o").hashCode()
                    + floor.getDate("p").getTime();
        }
        return hash * 0x9E3779B97F4A7C15L + entries.size();
    }
}
