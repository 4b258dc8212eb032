package io.orderengine.query.order;

import static io.orderengine.query.order.OrderDocuments.ARCHIVE_COLLECTION;
import static io.orderengine.query.order.OrderDocuments.COLLECTION;

import io.orderengine.query.common.VersionedDocuments;
import io.orderengine.query.projection.ProjectionTarget;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>
 * Inside a batch of events (Axon's {@link BatchingUnitOfWork}, as a pooled streaming processor with a batch size
 * above one hands them over) the same rules apply to documents kept in the unit of work, written once when the
 * batch's last event has been applied ({@link OrderDetailBatch}): before the processor saves its token, so a batch
 * that fails is retried whole. Outside one (a single event, an in-memory replay, tests) every event is written at
 * once.
 */
final class MongoOrderDetailStore implements OrderDetailStore {

    private static final Logger log = LoggerFactory.getLogger(MongoOrderDetailStore.class);

    private final VersionedDocuments hot;
    private final VersionedDocuments archive;
    private final OrderListIndex lists;
    private final String batchResource = OrderDetailBatch.class.getName() + "@" + System.identityHashCode(this);

    MongoOrderDetailStore(ProjectionTarget target) {
        this.hot = new VersionedDocuments(() -> target.collection(COLLECTION));
        this.archive = new VersionedDocuments(() -> target.collection(ARCHIVE_COLLECTION));
        this.lists = new OrderListIndex(target);
    }

    /** The batch of the current unit of work when it is a batch of events, else null. */
    private OrderDetailBatch batch() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> unitOfWork)) {
            return null;
        }
        return unitOfWork.getOrComputeResource(batchResource, key -> {
            OrderDetailBatch batch = new OrderDetailBatch(hot.collection(), archive.collection(), lists);
            batch.prefetch(unitOfWork.getMessages());
            // Normally written with the batch's last event (below). Should a batch end with an event this store
            // never saw, write before the commit completes rather than not at all.
            unitOfWork.onPrepareCommit(u -> {
                if (!batch.written()) {
                    batch.write();
                }
            });
            return batch;
        });
    }

    /** After an event of a batch: the last one writes the batch. */
    private static Document endOfEvent(OrderDetailBatch batch, Document result) {
        if (((BatchingUnitOfWork<?>) CurrentUnitOfWork.get()).isLastMessage() && !batch.written()) {
            batch.write();
        }
        return result;
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
        OrderDetailBatch batch = batch();
        if (batch != null) {
            return endOfEvent(batch, batch.create(orderId, sequence, content));
        }
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
        OrderDetailBatch batch = batch();
        if (batch != null) {
            return endOfEvent(batch, batch.update(orderId, sequence, change));
        }
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
    public Document rewrite(String orderId, Consumer<Document> change) {
        OrderDetailBatch batch = batch();
        if (batch != null) {
            // one erasure rewrites several orders: the batch is written when it commits, not after the first
            return batch.rewrite(orderId, change);
        }
        Document current = hot.find(orderId);
        if (current != null) {
            return hot.rewrite(current, change);
        }
        Document archived = archive.find(orderId);
        return archived == null ? null : archive.rewrite(archived, change);
    }

    @Override
    public void clear() {
        hot.collection().deleteMany(new Document());
        archive.collection().deleteMany(new Document());
        lists.reset();
    }
}
