package io.orderengine.query.order;

import static io.orderengine.query.common.VersionedDocuments.APPLIED_SEQUENCE;
import static io.orderengine.query.common.VersionedDocuments.REWRITES;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.orderengine.query.common.MongoValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order documents touched by one batch of events (one unit of work of the {@code order-detail} processor), kept
 * in memory while the batch's events are applied and written once at its end: the hot and the archive collection
 * with one unordered bulk write each, then the order lists ({@link OrderListIndex#batch}). The events see each
 * other's changes (read-your-writes), and documents are read once per batch, with one {@code _id $in} lookup for the
 * orders the batch's events name.
 * <p>
 * The rules are those of {@link MongoOrderDetailStore} one event at a time, so the collections end up the same:
 * an event at or below a document's {@code appliedSequence} changes nothing (and the lists are set from the document
 * as it is, which heals a batch whose documents were written but whose lists were not); a new order goes to the hot
 * collection; an archived order is changed in the archive, and moves back to the hot collection should it leave the
 * archivable statuses. A document that changed since it was read (its {@code appliedSequence} checked right before
 * the write, see {@link #verifyUnchanged}) or was deleted, or one inserted meanwhile (a duplicate key), makes the
 * batch fail, and its retry reads them again.
 * <p>
 * A failure before the end writes nothing. A failure while writing may leave some documents written and others not,
 * and lists not yet updated; every document written is complete up to its {@code appliedSequence}, so the retry of
 * the batch (the processor's token was not saved) skips what was written, applies the rest and sets the lists.
 */
final class OrderDetailBatch {

    private static final Logger log = LoggerFactory.getLogger(OrderDetailBatch.class);

    private enum Place {
        NONE,
        HOT,
        ARCHIVE
    }

    /** One order's document as read at the start of the batch and as changed by the batch's events so far. */
    private static final class Entry {
        final Place origin;
        final long originApplied;
        final long originRewrites;
        final String originStatus;
        Place place;
        Document document;
        boolean dirty;
        boolean created;
        boolean statusChanged;
        /** Events of the batch were applied already: set the lists from the document (a redelivery). */
        boolean resync;
        /** The lists must also bring the latest orders in line with where the order is (placement, move). */
        boolean relocate;

        Entry(Place origin, Document document) {
            this.origin = origin;
            this.place = origin;
            this.document = document;
            this.originApplied = document == null ? 0 : MongoValues.longValue(document, APPLIED_SEQUENCE);
            this.originRewrites = document == null ? 0 : MongoValues.longValue(document, REWRITES);
            this.originStatus = document == null ? null : document.getString(OrderDocuments.STATUS);
        }
    }

    private final MongoCollection<Document> hot;
    private final MongoCollection<Document> archive;
    private final OrderListIndex lists;
    private final Codec<Document> codec;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean written;

    OrderDetailBatch(MongoCollection<Document> hot, MongoCollection<Document> archive, OrderListIndex lists) {
        this.hot = hot;
        this.archive = archive;
        this.lists = lists;
        this.codec = hot.getCodecRegistry().get(Document.class);
    }

    /** Reads the documents of the orders the batch's events belong to (aggregate ids), two lookups in all. */
    void prefetch(Collection<? extends Message<?>> messages) {
        Set<String> ids = new LinkedHashSet<>();
        for (Message<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                ids.add(event.getAggregateIdentifier());
            }
        }
        ids.removeAll(entries.keySet());
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Document> found = new LinkedHashMap<>();
        hot.find(Filters.in("_id", ids)).forEach(d -> found.put(d.getString("_id"), d));
        List<String> notHot = ids.stream().filter(id -> !found.containsKey(id)).toList();
        Map<String, Document> archived = new LinkedHashMap<>();
        if (!notHot.isEmpty()) {
            archive.find(Filters.in("_id", notHot)).forEach(d -> archived.put(d.getString("_id"), d));
        }
        for (String id : ids) {
            Document document = found.get(id);
            entries.put(
                    id,
                    document != null
                            ? new Entry(Place.HOT, document)
                            : archived.containsKey(id)
                                    ? new Entry(Place.ARCHIVE, archived.get(id))
                                    : new Entry(Place.NONE, null));
        }
    }

    private Entry entry(String orderId) {
        Entry entry = entries.get(orderId);
        if (entry == null) {
            Document document = hot.find(Filters.eq("_id", orderId)).first();
            if (document != null) {
                entry = new Entry(Place.HOT, document);
            } else {
                Document archived = archive.find(Filters.eq("_id", orderId)).first();
                entry = archived != null ? new Entry(Place.ARCHIVE, archived) : new Entry(Place.NONE, null);
            }
            entries.put(orderId, entry);
        }
        return entry;
    }

    /** The order's document as the batch has it so far, or null. */
    Document find(String orderId) {
        return entry(orderId).document;
    }

    /** As {@link MongoOrderDetailStore#create}: the new document, or null when it exists or the order is archived. */
    Document create(String orderId, long sequence, Document content) {
        Entry entry = entry(orderId);
        if (entry.place == Place.ARCHIVE
                || entry.place == Place.HOT && MongoValues.longValue(entry.document, APPLIED_SEQUENCE) >= sequence) {
            entry.resync = true;
            entry.relocate = true;
            return null;
        }
        Document document = new Document("_id", orderId);
        content.forEach((key, value) -> {
            if (!"_id".equals(key)) {
                document.put(key, value);
            }
        });
        document.put(APPLIED_SEQUENCE, sequence);
        entry.document = stored(document);
        entry.place = Place.HOT;
        entry.dirty = true;
        entry.created = true;
        return document;
    }

    /** As {@link MongoOrderDetailStore#update}: the changed document, or null when unknown or already applied. */
    Document update(String orderId, long sequence, Consumer<Document> change) {
        Entry entry = entry(orderId);
        if (entry.place == Place.NONE) {
            log.warn("order detail: no document {} for event {}; ignored", orderId, sequence);
            return null;
        }
        if (sequence <= MongoValues.longValue(entry.document, APPLIED_SEQUENCE)) {
            entry.resync = true;
            return null;
        }
        Document document = entry.document;
        String statusBefore = document.getString(OrderDocuments.STATUS);
        change.accept(document);
        document.put(APPLIED_SEQUENCE, sequence);
        entry.document = stored(document);
        entry.dirty = true;
        if (!Objects.equals(statusBefore, document.getString(OrderDocuments.STATUS))) {
            entry.statusChanged = true;
        }
        if (entry.place == Place.ARCHIVE && !OrderDocuments.archivable(document)) {
            entry.place = Place.HOT;
            entry.relocate = true;
        }
        return document;
    }

    /** As {@link MongoOrderDetailStore#rewrite}: the changed document, or null when the order is unknown. */
    Document rewrite(String orderId, Consumer<Document> change) {
        Entry entry = entry(orderId);
        if (entry.place == Place.NONE) {
            return null;
        }
        change.accept(entry.document);
        entry.document.put(REWRITES, MongoValues.longValue(entry.document, REWRITES) + 1);
        entry.document = stored(entry.document);
        entry.dirty = true;
        return entry.document;
    }

    /** The document as the store will give it back (BSON types: dates, longs, nested documents). */
    private Document stored(Document document) {
        return new RawBsonDocument(document, codec).decode(codec);
    }

    /** Whether the batch has written its changes (it writes once). */
    boolean written() {
        return written;
    }

    /** Writes the batch's documents, then the lists. Throws when a write fails; the batch is then retried whole. */
    void write() {
        written = true;
        List<WriteModel<Document>> hotWrites = new ArrayList<>();
        List<WriteModel<Document>> archiveWrites = new ArrayList<>();
        int archiveReplaces = 0;
        List<String> leftArchive = new ArrayList<>();
        for (Map.Entry<String, Entry> item : entries.entrySet()) {
            String id = item.getKey();
            Entry entry = item.getValue();
            if (!entry.dirty) {
                continue;
            }
            if (entry.place == Place.HOT && entry.origin == Place.HOT) {
                hotWrites.add(new ReplaceOneModel<>(Filters.eq("_id", id), entry.document));
            } else if (entry.place == Place.HOT && entry.origin == Place.NONE) {
                // new: a document that appeared since it was read is a duplicate key, and the batch is retried
                hotWrites.add(new InsertOneModel<>(entry.document));
            } else if (entry.place == Place.HOT) {
                // back from the archive (a copy left by a crash between the two writes of a move is replaced)
                hotWrites.add(new ReplaceOneModel<>(
                        Filters.eq("_id", id), entry.document, new ReplaceOptions().upsert(true)));
                leftArchive.add(id);
            } else {
                archiveWrites.add(new ReplaceOneModel<>(Filters.eq("_id", id), entry.document));
                archiveReplaces++;
            }
        }
        verifyUnchanged(hot, Place.HOT);
        verifyUnchanged(archive, Place.ARCHIVE);
        if (!hotWrites.isEmpty()) {
            BulkWriteResult result = hot.bulkWrite(hotWrites, new BulkWriteOptions().ordered(false));
            int stored = result.getMatchedCount() + result.getUpserts().size() + result.getInsertedCount();
            if (stored < hotWrites.size()) {
                throw changedMeanwhile(hot, hotWrites.size() - stored);
            }
        }
        leftArchive.forEach(id -> archiveWrites.add(new DeleteOneModel<>(Filters.eq("_id", id))));
        if (!archiveWrites.isEmpty()) {
            BulkWriteResult result = archive.bulkWrite(archiveWrites, new BulkWriteOptions().ordered(false));
            if (result.getMatchedCount() < archiveReplaces) {
                throw changedMeanwhile(archive, archiveReplaces - result.getMatchedCount());
            }
        }
        writeLists();
    }

    /**
     * The compare-and-set of the documents the batch read and changed: one {@code _id $in} read of their
     * {@code appliedSequence} and {@code rewrites} right before the bulk write, which then replaces by {@code _id} alone (and must match
     * every one: a document deleted meanwhile, e.g. archived, fails the batch). A filter on {@code _id} plus
     * {@code appliedSequence} per document would be atomic, but the embedded store serves only a filter on exactly
     * {@code _id} from its index and scans the whole collection for any other, once per document written.
     */
    private void verifyUnchanged(MongoCollection<Document> collection, Place origin) {
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        entries.forEach((id, entry) -> {
            if (entry.dirty && entry.origin == origin) {
                expected.put(id, List.of(entry.originApplied, entry.originRewrites));
            }
        });
        if (expected.isEmpty()) {
            return;
        }
        Map<String, List<Long>> found = new LinkedHashMap<>();
        collection
                .find(Filters.in("_id", expected.keySet()))
                .projection(Projections.include(APPLIED_SEQUENCE, REWRITES))
                .forEach(d -> found.put(
                        d.getString("_id"),
                        List.of(MongoValues.longValue(d, APPLIED_SEQUENCE), MongoValues.longValue(d, REWRITES))));
        long changed = expected.entrySet().stream()
                .filter(e -> !e.getValue().equals(found.get(e.getKey())))
                .count();
        if (changed > 0) {
            throw changedMeanwhile(collection, changed);
        }
    }

    private static IllegalStateException changedMeanwhile(MongoCollection<Document> collection, long documents) {
        return new IllegalStateException(collection.getNamespace() + ": " + documents + " documents changed while a"
                + " batch of events was applied (archived, or a second processor on the same segment); retried");
    }

    private void writeLists() {
        List<Document> placed = new ArrayList<>();
        List<Document> changed = new ArrayList<>();
        List<Boolean> changedHot = new ArrayList<>();
        List<Entry> resync = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.document == null) {
                continue;
            }
            if (entry.created && !entry.resync) {
                placed.add(entry.document);
            } else if (entry.resync || entry.relocate) {
                resync.add(entry);
            } else if (entry.statusChanged) {
                changed.add(entry.document);
                changedHot.add(entry.place == Place.HOT);
            }
        }
        lists.batch(placed, changed, changedHot);
        for (Entry entry : resync) {
            if (entry.relocate || entry.created) {
                lists.located(entry.document, entry.place == Place.HOT);
            } else {
                lists.statusChanged(entry.document, entry.place == Place.HOT);
            }
        }
    }
}
