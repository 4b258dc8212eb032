package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import io.orderengine.infrastructure.store.index.Bound.Range;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A query's top-level conditions: per field, what each condition allows (a field may be named in several
 * {@code $and} branches), and the top-level {@code $or} clauses.
 */
final class Conjuncts {

    private final Map<String, List<Bound>> fields = new TreeMap<>();
    private final List<List<Document>> ors = new ArrayList<>();
    private boolean complete = true;

    static Conjuncts of(Document query) {
        Conjuncts conjuncts = new Conjuncts();
        conjuncts.add(query);
        return conjuncts;
    }

    @SuppressWarnings("unchecked")
    private void add(Document query) {
        if (query == null) {
            return;
        }
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String key = condition.getKey();
            Object value = condition.getValue();
            if (key.equals("$and") && value instanceof List<?> all) {
                for (Object element : all) {
                    if (element instanceof Document branch) {
                        add(branch);
                    } else {
                        complete = false;
                    }
                }
            } else if (key.equals("$or")
                    && value instanceof List<?> any
                    && !any.isEmpty()
                    && any.stream().allMatch(Document.class::isInstance)) {
                ors.add((List<Document>) any);
                complete = false;
            } else if (!key.startsWith("$")) {
                Bound bound = boundOf(value);
                if (bound != null) {
                    fields.computeIfAbsent(key, k -> new ArrayList<>()).add(bound);
                } else {
                    complete = false;
                }
            } else {
                complete = false;
            }
        }
    }

    Conjuncts withoutOr(List<Document> or) {
        Conjuncts copy = new Conjuncts();
        copy.complete = false;
        fields.forEach((field, bounds) -> copy.fields.put(field, new ArrayList<>(bounds)));
        ors.stream().filter(other -> other != or).forEach(copy.ors::add);
        return copy;
    }

    Conjuncts and(Conjuncts other) {
        other.fields.forEach((field, bounds) ->
                fields.computeIfAbsent(field, k -> new ArrayList<>()).addAll(bounds));
        ors.addAll(other.ors);
        return this;
    }

    /**
     * What the conditions on {@code field} allow. Several conditions on a field are combined (points
     * intersected, ranges intersected) unless the field may hold arrays: then each condition may be met by
     * another element, so only the first one bounds.
     */
    Bound boundOf(String field, boolean mayHoldArrays) {
        List<Bound> bounds = fields.get(field);
        if (bounds == null) {
            return null;
        }
        List<Object> points = null;
        Range range = null;
        for (Bound bound : bounds) {
            if (bound.points() != null) {
                if (points == null) {
                    points = bound.points();
                } else if (!mayHoldArrays) {
                    points = intersect(points, bound.points());
                }
            }
        }
        if (points != null) {
            return new Bound(points, null, false);
        }
        for (Bound bound : bounds) {
            if (bound.range() != null) {
                if (range == null) {
                    range = bound.range();
                } else if (!mayHoldArrays) {
                    range = range.intersect(bound.range());
                }
            }
        }
        return range == null ? null : new Bound(null, range, false);
    }

    /**
     * Whether the conditions on {@code field} are exactly what {@link #boundOf(String, boolean)} bounds: every
     * one exact, all points or all ranges, and (when the field may hold arrays) just one of them.
     */
    boolean exactlyBound(String field, boolean mayHoldArrays) {
        List<Bound> bounds = fields.get(field);
        if (bounds == null || bounds.isEmpty() || (mayHoldArrays && bounds.size() > 1)) {
            return false;
        }
        Bound first = bounds.get(0);
        boolean points = first.points() != null;
        return bounds.stream()
                .allMatch(bound -> bound.exact()
                        && (bound.points() != null) == points
                        && (points || bound.range().type() == first.range().type()));
    }

    /** The top-level {@code $or} clauses, each a list of branches. */
    List<List<Document>> ors() {
        return ors;
    }

    /** Every condition of the query became a bound (no {@code $or}, no other operator, no unbounded field). */
    boolean complete() {
        return complete;
    }

    Set<String> fields() {
        return fields.keySet();
    }

    private static List<Object> intersect(List<Object> points, List<Object> others) {
        Set<String> allowed = new java.util.HashSet<>();
        others.forEach(point -> allowed.add(KeyEncoding.encode(point)));
        return points.stream()
                .filter(point -> allowed.contains(KeyEncoding.encode(point)))
                .toList();
    }

    /** What one condition on a field allows, or null when it bounds nothing an index could use. */
    private static Bound boundOf(Object condition) {
        if (!(condition instanceof Document document)) {
            return pointable(condition) ? new Bound(List.of(nullSafe(condition)), null, true) : null;
        }
        if (document.isEmpty() || BsonRegularExpression.isRegularExpression(document)) {
            return null;
        }
        boolean operators = document.keySet().stream().allMatch(key -> key.startsWith("$"));
        if (!operators) {
            return pointable(document) ? new Bound(List.of(document), null, true) : null;
        }
        List<Object> points = null;
        Range range = null;
        boolean exact = true;
        for (Map.Entry<String, Object> operator : document.entrySet()) {
            Object operand = operator.getValue();
            switch (operator.getKey()) {
                case "$eq" -> {
                    if (points == null && pointable(operand)) {
                        points = List.of(nullSafe(operand));
                    } else {
                        exact = false;
                    }
                }
                case "$in" -> {
                    if (points == null
                            && operand instanceof Collection<?> values
                            && values.stream().allMatch(Conjuncts::pointable)) {
                        points = values.stream().map(Conjuncts::nullSafe).toList();
                    } else {
                        exact = false;
                    }
                }
                case "$gt", "$gte", "$lt", "$lte" -> {
                    Range bound = Range.of(operator.getKey(), operand);
                    if (bound == null) {
                        exact = false;
                        continue;
                    }
                    exact &= bound.type() != KeyEncoding.NUMBER;
                    if (range == null) {
                        range = bound;
                    } else if (range.type() == bound.type()) {
                        range = range.intersect(bound);
                    } else {
                        return null;
                    }
                }
                default -> exact = false;
            }
        }
        if (points != null) {
            return new Bound(points, null, exact && range == null);
        }
        return range == null ? null : new Bound(null, range, exact);
    }

    private static Object nullSafe(Object value) {
        return value == null ? Missing.getInstance() : value;
    }

    /**
     * Whether the matcher compares a field with this value by plain equality (an array element counting too),
     * so that the entries with this key are all the documents it can match: scalars and literal documents, not
     * arrays (equal to a whole array), patterns, nor empty documents (which match non-documents).
     */
    private static boolean pointable(Object value) {
        if (value instanceof Collection || value instanceof BsonRegularExpression) {
            return false;
        }
        if (value instanceof Document document) {
            return !document.isEmpty()
                    && document.entrySet().stream()
                            .noneMatch(field -> field.getKey().startsWith("$") || !literal(field.getValue()));
        }
        return true;
    }

    private static boolean literal(Object value) {
        if (value instanceof BsonRegularExpression) {
            return false;
        }
        if (value instanceof Document document) {
            return pointable(document);
        }
        if (value instanceof Collection<?> values) {
            return values.stream().allMatch(Conjuncts::literal);
        }
        return true;
    }
}
