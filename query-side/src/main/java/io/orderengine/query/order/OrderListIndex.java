package io.orderengine.query.order;

import static io.orderengine.query.order.OrderDocuments.CUSTOMER;
import static io.orderengine.query.order.OrderDocuments.PLACED_AT;
import static io.orderengine.query.order.OrderDocuments.STATUS;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import io.orderengine.query.projection.ProjectionTarget;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Order lists kept as documents read by {@code _id} ({@code order_list_index}, next to the order detail documents of
 * the same projection generation), so a customer's history and the admin's default list cost the same with 10,000
 * or 10,000,000 orders, on MongoDB and on the embedded store alike (written when the embedded store served no
 * index but {@code _id}; it now serves the declared ones too).
 * <ul>
 *   <li>{@code c|<customerId>} (the id with {@code %} and {@code |} escaped): the months in which the customer placed orders ({@code m.<yyyy-MM>: true}).</li>
 *   <li>{@code c|<customerId>|<yyyy-MM>}: one entry per order the customer placed that month (UTC):
 *       {@code {o: orderId, p: placedAt, s: status, h: in the hot collection}}, newest first.</li>
 *   <li>{@value #LATEST}: the newest hot orders of all customers ({@code {o, p}}, newest first, at most
 *       {@value #LATEST_SIZE}), and {@code floor}, the newest order ever dropped from it (null while none was):
 *       it holds exactly the hot orders placed after {@code floor}.</li>
 *   <li>{@value #STATE}: present when the index covers every order of the generation (it was created on empty
 *       collections, or reset before a replay). Without it (orders written before the index existed) the lists
 *       fall back to scanning {@code order_details} until the projection is rebuilt.</li>
 * </ul>
 * Every change is idempotent: entries are added only when absent (one update with the order id in the filter),
 * set from the order's current document, and removed by id; the {@value #LATEST} document is changed by
 * compare-and-set on a hash of its content. Updates of one document are atomic on MongoDB and on the embedded
 * store (it serialises the writes of a collection), so orders of one customer handled on different processor
 * threads do not lose each other's entries. The {@value #LATEST} document is kept by {@link LatestOrders}.
 */
final class OrderListIndex {

    static final String COLLECTION = "order_list_index";
    static final String LATEST = "latest";
    static final String STATE = "state";
    static final int LATEST_SIZE = 1_000;

    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    /** Newest first, ties by descending order id: the order of {@code Sorts.descending(placedAt, _id)}. */
    static final Comparator<Document> NEWEST_FIRST = Comparator.<Document, Date>comparing(e -> e.getDate("p"))
            .thenComparing(e -> e.getString("o"))
            .reversed();

    private final ProjectionTarget target;
    private final LatestOrders latestOrders;

    OrderListIndex(ProjectionTarget target) {
        this(target, LATEST_SIZE);
    }

    /** With room for {@code latestSize} latest orders instead of {@value #LATEST_SIZE} (tests of the overflow). */
    OrderListIndex(ProjectionTarget target, int latestSize) {
        this.target = target;
        this.latestOrders = new LatestOrders(target, latestSize);
    }

    MongoCollection<Document> collection() {
        return target.collection(COLLECTION);
    }

    // ---- writes ----------------------------------------------------------------------------------------------------

    /** Marks the index complete when the generation holds no orders yet (it will see every order's placement). */
    void markCompleteIfEmpty() {
        if (target.collection(OrderDocuments.COLLECTION).find().limit(1).first() == null
                && target.collection(OrderDocuments.ARCHIVE_COLLECTION)
                                .find()
                                .limit(1)
                                .first()
                        == null) {
            markComplete();
        }
    }

    /** Forgets every entry and marks the index complete: the replay that follows re-indexes every order. */
    void reset() {
        collection().deleteMany(new Document());
        markComplete();
    }

    private void markComplete() {
        collection()
                .updateOne(Filters.eq("_id", STATE), Updates.set("complete", true), new UpdateOptions().upsert(true));
    }

    /** A new order in the hot collection. */
    void placed(Document order) {
        addEntry(order, true);
        latestOrders.add(List.of(order));
    }

    /** Brings the order's entries in line with its document, wherever it is (hot or archived). */
    void located(Document order, boolean hot) {
        statusChanged(order, hot);
        if (hot) {
            latestOrders.add(List.of(order));
        } else {
            latestOrders.remove(order.getString("_id"));
        }
    }

    /** The order's status (or place) changed; its entry in the customer's history follows. */
    void statusChanged(Document order, boolean hot) {
        String customer = customerId(order);
        if (customer == null) {
            return;
        }
        String id = order.getString("_id");
        String bucket = bucketId(customer, order.getDate(PLACED_AT));
        UpdateResult set = collection()
                .updateOne(
                        Filters.and(Filters.eq("_id", bucket), Filters.eq("e.o", id)),
                        Updates.combine(Updates.set("e.$.s", order.getString(STATUS)), Updates.set("e.$.h", hot)));
        if (set.getMatchedCount() == 0) {
            addEntry(order, hot);
        }
    }

    /**
     * The list changes of a batch of events, written with few round trips: {@code placed} are new orders in the hot
     * collection (their entries carry their current status), {@code statusChanged} are orders already listed whose
     * status changed ({@code hot} tells where each one is now). The result is what {@link #placed} and
     * {@link #statusChanged} one order at a time give: the customers' months and entries by one unordered bulk write
     * (entries added only when absent, statuses set by id), the latest orders by one compare-and-set; an order whose
     * entry turns out to be missing gets it added one at a time.
     */
    void batch(List<Document> placed, List<Document> statusChanged, List<Boolean> hot) {
        List<WriteModel<Document>> placements = new ArrayList<>();
        Set<String> months = new LinkedHashSet<>();
        for (Document order : placed) {
            String customer = customerId(order);
            if (customer == null) {
                continue;
            }
            String month = month(order.getDate(PLACED_AT));
            if (months.add(headId(customer) + "\u0000" + month)) {
                placements.add(new UpdateOneModel<>(
                        Filters.eq("_id", headId(customer)),
                        Updates.set("m." + month, true),
                        new UpdateOptions().upsert(true)));
            }
            placements.add(entryAddition(order, true));
        }
        upsertAllIgnoringRaces(placements);

        List<WriteModel<Document>> changes = new ArrayList<>();
        List<Integer> listed = new ArrayList<>();
        for (int i = 0; i < statusChanged.size(); i++) {
            Document order = statusChanged.get(i);
            String customer = customerId(order);
            if (customer == null) {
                continue;
            }
            changes.add(new UpdateOneModel<>(
                    Filters.and(
                            Filters.eq("_id", bucketId(customer, order.getDate(PLACED_AT))),
                            Filters.eq("e.o", order.getString("_id"))),
                    Updates.combine(Updates.set("e.$.s", order.getString(STATUS)), Updates.set("e.$.h", hot.get(i)))));
            listed.add(i);
        }
        if (!changes.isEmpty()
                && collection()
                                .bulkWrite(changes, new BulkWriteOptions().ordered(false))
                                .getMatchedCount()
                        < changes.size()) {
            // some entry was missing (a store written before the lists, or a crash): set them one by one
            listed.forEach(i -> statusChanged(statusChanged.get(i), hot.get(i)));
        }
        if (!placed.isEmpty()) {
            latestOrders.add(placed);
        }
    }

    private static UpdateOneModel<Document> entryAddition(Document order, boolean hot) {
        String id = order.getString("_id");
        Document entry = new Document("o", id)
                .append("p", order.getDate(PLACED_AT))
                .append("s", order.getString(STATUS))
                .append("h", hot);
        return new UpdateOneModel<>(
                Filters.and(
                        Filters.eq("_id", bucketId(customerId(order), order.getDate(PLACED_AT))),
                        Filters.ne("e.o", id)),
                Updates.pushEach(
                        "e", List.of(entry), new PushOptions().sortDocument(new Document("p", -1).append("o", -1))),
                new UpdateOptions().upsert(true));
    }

    /**
     * Runs upserts in one unordered bulk write; those refused with a duplicate key (the document exists: created
     * concurrently, or it holds the entry already) are run again as plain updates, as {@link #upsertIgnoringRace}.
     */
    private void upsertAllIgnoringRaces(List<WriteModel<Document>> upserts) {
        if (upserts.isEmpty()) {
            return;
        }
        try {
            collection().bulkWrite(upserts, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                UpdateOneModel<Document> model = (UpdateOneModel<Document>) upserts.get(error.getIndex());
                collection().updateOne(model.getFilter(), model.getUpdate());
            }
        }
    }

    /** Adds the order's entry to its customer's history unless it is there (then nothing changes). */
    private void addEntry(Document order, boolean hot) {
        String customer = customerId(order);
        if (customer == null) {
            return;
        }
        String id = order.getString("_id");
        String bucket = bucketId(customer, order.getDate(PLACED_AT));
        upsertIgnoringRace(
                Filters.eq("_id", headId(customer)), Updates.set("m." + month(order.getDate(PLACED_AT)), true));
        Document entry = new Document("o", id)
                .append("p", order.getDate(PLACED_AT))
                .append("s", order.getString(STATUS))
                .append("h", hot);
        Bson absent = Filters.and(Filters.eq("_id", bucket), Filters.ne("e.o", id));
        Bson push = Updates.pushEach(
                "e", List.of(entry), new PushOptions().sortDocument(new Document("p", -1).append("o", -1)));
        upsertIgnoringRace(absent, push);
    }

    /** Runs an upsert; a duplicate key means the document exists (created concurrently): then a plain update. */
    private void upsertIgnoringRace(Bson filter, Bson update) {
        try {
            collection().updateOne(filter, update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            collection().updateOne(filter, update);
        }
    }

    // ---- reads -----------------------------------------------------------------------------------------------------

    /** Whether the index covers every order of the generation. */
    boolean complete() {
        return collection().find(Filters.eq("_id", STATE)).first() != null;
    }

    /** One entry of a customer's history. */
    record Entry(String orderId, Date placedAt, String status, boolean hot) {}

    /** The customer's entries, newest first; null when the index is not complete (the caller scans instead). */
    List<Entry> customerEntries(String customerId) {
        List<Document> found =
                collection().find(Filters.in("_id", STATE, headId(customerId))).into(new ArrayList<>());
        if (found.stream().noneMatch(d -> STATE.equals(d.getString("_id")))) {
            return null;
        }
        Document head = found.stream()
                .filter(d -> !STATE.equals(d.getString("_id")))
                .findFirst()
                .orElse(null);
        Document months = head == null ? null : head.get("m", Document.class);
        if (months == null || months.isEmpty()) {
            return List.of();
        }
        List<String> buckets =
                months.keySet().stream().map(m -> headId(customerId) + "|" + m).toList();
        List<Document> entries = new ArrayList<>();
        collection()
                .find(Filters.in("_id", buckets))
                .forEach(bucket -> entries.addAll(bucket.getList("e", Document.class, List.of())));
        entries.sort(NEWEST_FIRST);
        return entries.stream()
                .map(e ->
                        new Entry(e.getString("o"), e.getDate("p"), e.getString("s"), Boolean.TRUE.equals(e.get("h"))))
                .toList();
    }

    /** The newest hot orders and whether they are all of them; null when the index is not complete. */
    Latest latest() {
        List<Document> found =
                collection().find(Filters.in("_id", STATE, LATEST)).into(new ArrayList<>());
        if (found.stream().noneMatch(d -> STATE.equals(d.getString("_id")))) {
            return null;
        }
        Document latest = found.stream()
                .filter(d -> LATEST.equals(d.getString("_id")))
                .findFirst()
                .orElse(null);
        if (latest == null) {
            return new Latest(List.of(), true);
        }
        return new Latest(
                latest.getList("e", Document.class, List.of()).stream()
                        .map(e -> e.getString("o"))
                        .toList(),
                latest.get("floor") == null);
    }

    /** The ids of the newest hot orders, newest first; {@code all} when no hot order was ever dropped from them. */
    record Latest(List<String> orderIds, boolean all) {}

    private static String customerId(Document order) {
        Document customer = order.get(CUSTOMER, Document.class);
        return customer == null ? null : customer.getString("customerId");
    }

    static String bucketId(String customerId, Date placedAt) {
        return headId(customerId) + "|" + month(placedAt);
    }

    /** {@code c|} and the customer id with {@code %} and {@code |} escaped, so no id can name another's bucket. */
    static String headId(String customerId) {
        return "c|" + customerId.replace("%", "%25").replace("|", "%7C");
    }

    private static String month(Date placedAt) {
        return MONTH.format(Objects.requireNonNull(placedAt, "placedAt").toInstant());
    }
}
