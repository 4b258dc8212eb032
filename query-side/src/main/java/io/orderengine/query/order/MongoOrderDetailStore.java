package io.orderengine.query.order;

import io.orderengine.query.common.VersionedDocuments;
import io.orderengine.query.projection.ProjectionTarget;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

import static io.orderengine.query.order.OrderDocuments.ARCHIVE_COLLECTION;
import static io.orderengine.query.order.OrderDocuments.COLLECTION;

/**
 * Order detail documents in MongoDB: the hot collection ({@code order_details}) and the archive
 * ({@code order_details_archive}) of one projection target. New orders go to the hot collection. An event for an
 * order that was archived is applied to the archived document in place (a late refund on a cancelled order stays in
 * the archive); should a change ever leave the archivable statuses, the document moves back to the hot collection.
 * A re-delivered placement of an archived order changes nothing (it must not bring the order back as new).
 * <p>
 * The order lists ({@link OrderListIndex}) follow every placement, status change and move between the two
 * collections; when an event turns out to be applied already (re-delivered after a crash), the lists are set from
 * the document as it is, so a crash between the document's write and the lists' write heals on redelivery.
 */
final class MongoOrderDetailStore implements OrderDetailStore {

    private static final Logger log = LoggerFactory.getLogger(MongoOrderDetailStore.class);

    private final VersionedDocuments hot;
    private final VersionedDocuments archive;
    private final OrderListIndex lists;

    MongoOrderDetailStore(ProjectionTarget target) {
        this.hot = new VersionedDocuments(() -> target.collection(COLLECTION));
        this.archive = new VersionedDocuments(() -> target.collection(ARCHIVE_COLLECTION));
        this.lists = new OrderListIndex(target);
    }

    VersionedDocuments hot() {
        return hot;
    }

    VersionedDocuments archive() {
        return archive;
    }

    @Override
    public Document find(String orderId) {
        Document document = hot.find(orderId);
        return document != null ? document : archive.find(orderId);
    }

    @Override
    public Document create(String orderId, long sequence, Document content) {
        Document archived = archive.find(orderId);
        if (archived != null) {
            lists.located(archived, false);
            return null;
        }
        Document created = hot.create(orderId, sequence, content);
        if (created != null) {
            lists.placed(created);
        } else {
            Document existing = hot.find(orderId);
            if (existing != null) {
                lists.located(existing, true);
            }
        }
        return created;
    }

    @Override
    public Document update(String orderId, long sequence, Consumer<Document> change) {
        Document current = hot.find(orderId);
        if (current != null) {
            String statusBefore = current.getString(OrderDocuments.STATUS);
            Document changed = hot.update(current, sequence, change);
            if (changed == null || !statusBefore.equals(changed.getString(OrderDocuments.STATUS))) {
                lists.statusChanged(current, true);
            }
            return changed;
        }
        Document archived = archive.find(orderId);
        if (archived == null) {
            log.warn("order detail: no document {} for event {}; ignored", orderId, sequence);
            return null;
        }
        String statusBefore = archived.getString(OrderDocuments.STATUS);
        Document changed = archive.update(archived, sequence, change);
        if (changed != null && !OrderDocuments.archivable(changed)) {
            hot.create(orderId, sequence, changed);
            archive.collection().deleteOne(new Document("_id", orderId));
            lists.located(changed, true);
        } else if (changed == null || !statusBefore.equals(changed.getString(OrderDocuments.STATUS))) {
            lists.statusChanged(archived, false);
        }
        return changed;
    }

    @Override
    public void clear() {
        hot.collection().deleteMany(new Document());
        archive.collection().deleteMany(new Document());
        lists.reset();
    }
}
