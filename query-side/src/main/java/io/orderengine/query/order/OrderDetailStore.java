package io.orderengine.query.order;

import java.util.function.Consumer;
import org.bson.Document;

/**
 * Where the order detail projection keeps its documents: in MongoDB ({@link MongoOrderDetailStore}, hot collection
 * plus archive) or in memory ({@link InMemoryOrderDetailStore}, to rebuild one order from its events). Every write
 * carries the sequence number of the event that causes it and is ignored when the document reflects that event
 * already (see {@code VersionedDocuments}).
 */
interface OrderDetailStore {

    /** The order's document, or null. */
    Document find(String orderId);

    /** Stores the document created by the event {@code sequence}; null when it exists already. */
    Document create(String orderId, long sequence, Document content);

    /** Changes the document on behalf of the event {@code sequence}; null when unknown or already applied. */
    Document update(String orderId, long sequence, Consumer<Document> change);

    /**
     * Applies a change that is no event of the order's own (the erasure of its data subject) to its document, leaving
     * the applied sequence as it is; null when the order is unknown.
     */
    Document rewrite(String orderId, Consumer<Document> change);

    /** Forgets every document (before a replay). */
    void clear();
}
