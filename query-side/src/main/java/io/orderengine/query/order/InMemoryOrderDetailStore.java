package io.orderengine.query.order;

import static io.orderengine.query.common.VersionedDocuments.APPLIED_SEQUENCE;

import io.orderengine.query.common.MongoValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;

/** Order detail documents in a map, with the same sequence guard as the MongoDB store; not thread-safe. */
final class InMemoryOrderDetailStore implements OrderDetailStore {

    private final Map<String, Document> documents = new LinkedHashMap<>();

    @Override
    public Document find(String orderId) {
        return documents.get(orderId);
    }

    @Override
    public Document create(String orderId, long sequence, Document content) {
        Document existing = documents.get(orderId);
        if (existing != null && MongoValues.longValue(existing, APPLIED_SEQUENCE) >= sequence) {
            return null;
        }
        Document document = new Document("_id", orderId);
        content.forEach((key, value) -> {
            if (!"_id".equals(key)) {
                document.put(key, value);
            }
        });
        document.put(APPLIED_SEQUENCE, sequence);
        documents.put(orderId, document);
        return document;
    }

    @Override
    public Document update(String orderId, long sequence, Consumer<Document> change) {
        Document document = documents.get(orderId);
        if (document == null || sequence <= MongoValues.longValue(document, APPLIED_SEQUENCE)) {
            return null;
        }
        change.accept(document);
        document.put(APPLIED_SEQUENCE, sequence);
        return document;
    }

    @Override
    public Document rewrite(String orderId, Consumer<Document> change) {
        Document document = documents.get(orderId);
        if (document != null) {
            change.accept(document);
        }
        return document;
    }

    @Override
    public void clear() {
        documents.clear();
    }
}
