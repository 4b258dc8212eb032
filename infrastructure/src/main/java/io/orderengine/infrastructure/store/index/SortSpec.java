package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A query's sort (field → ascending, in order; unsupported when it is not plain 1/-1 per field), and whether the
 * key ranges of an index can be walked in it, so that a sorted query stops reading once its page is full.
 */
record SortSpec(Map<String, Boolean> keys, boolean supported) {
    static final SortSpec NONE = new SortSpec(Map.of(), true);

    static SortSpec of(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return NONE;
        }
        Map<String, Boolean> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Object> key : orderBy.entrySet()) {
            if (!(key.getValue() instanceof Number direction) || key.getKey().startsWith("$")) {
                return new SortSpec(Map.of("?", true), false);
            }
            keys.put(key.getKey(), direction.intValue() > 0);
        }
        return new SortSpec(keys, true);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * TRUE when walking the ranges forwards yields the query's order, FALSE backwards, null when neither does (or
     * the walk may meet a document more than once). A query without a sort is served in any order.
     */
    Boolean walkDirection(OrderedIndex index, List<IndexKey> parts, int singlePointParts, int ranges) {
        if (index.multikey()) {
            return null;
        }
        if (isEmpty()) {
            return Boolean.TRUE;
        }
        if (!supported() || ranges != 1) {
            return null;
        }
        Set<String> constant = new java.util.HashSet<>();
        for (int i = 0; i < singlePointParts; i++) {
            constant.add(parts.get(i).getKey());
        }
        Boolean forward = null;
        int part = singlePointParts;
        for (Map.Entry<String, Boolean> key : keys().entrySet()) {
            if (constant.contains(key.getKey())) {
                continue;
            }
            if (part >= parts.size() || !parts.get(part).getKey().equals(key.getKey())) {
                return null;
            }
            boolean same = parts.get(part).isAscending() == key.getValue();
            if (forward != null && forward != same) {
                return null;
            }
            forward = same;
            part++;
        }
        return forward == null ? Boolean.TRUE : forward;
    }
}
