package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry keys of documents for one {@link OrderedIndex}: the encoded values of the index's fields (one key per
 * array element for a multikey index, none for a document a sparse index leaves out), with the keys of the
 * document written last kept for the write's second look.
 */
final class DocumentKeys {

    private final OrderedIndex index;
    /** The keys of the document written last (writes to a collection take turns). */
    private volatile KeysOf lastKeys;

    DocumentKeys(OrderedIndex index) {
        this.index = index;
    }

    /**
     * The encoded keys of a document (without its position); empty when a sparse index leaves it out. A write asks
     * for the keys of a document twice in a row (check, then add), so the last answer is kept for that document.
     */
    List<String> keysOf(Document document) {
        KeysOf last = lastKeys;
        if (last != null && last.document() == document) {
            return last.keys();
        }
        List<String> keys = compute(document);
        lastKeys = new KeysOf(document, keys);
        return keys;
    }

    private record KeysOf(Document document, List<String> keys) {}

    /** Forgets the keys kept for the document written last. */
    void forget() {
        lastKeys = null;
    }

    /** The value of an indexed field, as the query matcher reads it (a plain field without the path parsing). */
    static Object valueOf(Document document, String field) {
        if (field.indexOf('.') < 0 && !field.equals("$")) {
            return document.getOrMissing(field);
        }
        return Utils.getSubdocumentValueCollectionAware(document, field);
    }

    /** The encoded keys of a document, computed afresh (and any part seen holding an array noted on the index). */
    List<String> compute(Document document) {
        List<IndexKey> keys = index.getKeys();
        List<Object> raw = new ArrayList<>(keys.size());
        boolean anyValue = false;
        int irregular = 0;
        for (int i = 0; i < keys.size(); i++) {
            Object value = valueOf(document, keys.get(i).getKey());
            raw.add(value);
            if (hasValue(value)) {
                anyValue = true;
            }
            if (value instanceof Collection || value instanceof Map) {
                irregular |= 1 << i;
            }
        }
        if (index.sparse() && !anyValue) {
            return List.of();
        }
        Set<KeyValue> keyValues = irregular == 0 ? Set.of(new KeyValue(raw)) : index.getKeyValues(document);
        if (keyValues.isEmpty()) {
            keyValues = Set.of(new KeyValue(raw));
        }
        List<String> encoded = new ArrayList<>(keyValues.size());
        for (KeyValue keyValue : keyValues) {
            KeyEncoding.KeyBuilder key = new KeyEncoding.KeyBuilder();
            for (int i = 0; i < keys.size(); i++) {
                Object value = keyValue.get(i);
                if (value instanceof Collection || value instanceof Map) {
                    irregular |= 1 << i;
                }
                key.append(value, keys.get(i).isAscending());
            }
            encoded.add(key.toKey());
        }
        index.noteIrregular(irregular);
        return encoded.size() > 1 ? List.copyOf(new LinkedHashSet<>(encoded)) : encoded;
    }

    private static boolean hasValue(Object value) {
        if (value instanceof Missing) {
            return false;
        }
        if (value instanceof Collection<?> values && !values.isEmpty()) {
            return values.stream().anyMatch(element -> !(element instanceof Missing));
        }
        return true;
    }
}
