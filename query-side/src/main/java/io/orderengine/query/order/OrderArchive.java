package io.orderengine.query.order;

import static io.orderengine.query.common.MongoValues.longValue;
import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.order.OrderDocuments.ARCHIVABLE;
import static io.orderengine.query.order.OrderDocuments.ARCHIVE_COLLECTION;
import static io.orderengine.query.order.OrderDocuments.COLLECTION;
import static io.orderengine.query.order.OrderDocuments.STATUS;
import static io.orderengine.query.order.OrderDocuments.UPDATED_AT;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.orderengine.query.common.VersionedDocuments;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves finished orders (delivered, cancelled, returned) whose last change is older than a cut-off from the hot
 * order detail collection to {@code order_details_archive}, so the hot collection only holds what admins and
 * customers work with. Events are never touched. Each order is copied (replace by {@code _id}, so a re-run after a
 * crash is harmless) and then deleted from the hot collection only if it did not change in between
 * ({@code appliedSequence} unchanged); an order that changed stays hot and is archived by a later run. The order
 * lists ({@link OrderListIndex}) are told before the delete and told back when the order stayed hot; a crash in
 * between leaves them listing the order as archived until a later run archives it or its status changes.
 */
@Component
public class OrderArchive {

    private static final Logger log = LoggerFactory.getLogger(OrderArchive.class);
    private static final int BATCH = 200;

    private final ProjectionCollections collections;

    public OrderArchive(ProjectionCollections collections) {
        this.collections = collections;
    }

    /** Archives the due orders of the serving generation; returns how many moved. */
    public int archiveChangedBefore(Instant cutoff) {
        return archiveChangedBefore(collections.live(OrderDetailProjection.PROCESSING_GROUP), cutoff);
    }

    /** Archives the due orders of the collections of {@code target}; returns how many moved. */
    public int archiveChangedBefore(ProjectionTarget target, Instant cutoff) {
        MongoCollection<Document> hot = target.collection(COLLECTION);
        MongoCollection<Document> archive = target.collection(ARCHIVE_COLLECTION);
        OrderListIndex lists = new OrderListIndex(target);
        Bson due = Filters.and(
                Filters.in(STATUS, ARCHIVABLE.stream().map(Enum::name).toList()),
                Filters.lt(UPDATED_AT, toDate(cutoff)));
        int moved = 0;
        String after = null;
        while (true) {
            Bson page = after == null ? due : Filters.and(due, Filters.gt("_id", after));
            List<Document> batch =
                    hot.find(page).sort(Sorts.ascending("_id")).limit(BATCH).into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            for (Document order : batch) {
                String id = order.getString("_id");
                archive.replaceOne(Filters.eq("_id", id), order, new ReplaceOptions().upsert(true));
                long applied = longValue(order, VersionedDocuments.APPLIED_SEQUENCE);
                lists.located(order, false);
                long deleted = hot.deleteOne(Filters.and(
                                Filters.eq("_id", id), Filters.eq(VersionedDocuments.APPLIED_SEQUENCE, applied)))
                        .getDeletedCount();
                if (deleted == 0) {
                    Document current = hot.find(Filters.eq("_id", id)).first();
                    if (current != null) {
                        lists.located(current, true);
                    }
                }
                moved += (int) deleted;
            }
            after = batch.get(batch.size() - 1).getString("_id");
        }
        if (moved > 0) {
            log.info(
                    "archived {} finished orders last changed before {} into {}",
                    moved,
                    cutoff,
                    target.name(ARCHIVE_COLLECTION));
        }
        return moved;
    }
}
