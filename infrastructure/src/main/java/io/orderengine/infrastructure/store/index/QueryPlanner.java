package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.orderengine.infrastructure.store.index.OrderedIndex.KeyRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns a query into key ranges of one index, and picks the index a query is served from.
 * <p>
 * The query's top-level conditions (with {@code $and} flattened) bound an index's fields from the first one on:
 * equality and {@code $in} give points, {@code $gt}/{@code $gte}/{@code $lt}/{@code $lte} a range within one type
 * bracket (as the matcher only compares values of one type). Points on the leading fields and then a range on the
 * next one make one key range per combination of points. When the query sorts by the fields that follow the points
 * (in the index's direction, or all reversed) and the bounds form a single range, the index is walked in that order
 * and the walk stops once the page is full. A query whose conditions give no bound but that has a top-level
 * {@code $or} whose every branch is bounded is served by the union of the branches.
 * <p>
 * Among the indexes that bound a query, the one with the fewest entries in its ranges wins (counted up to
 * {@value #ESTIMATE_CAP}); a unique index bound by points on all its fields ({@code _id} equality or {@code $in},
 * for one) wins without counting. When the winner leaves a large candidate set to sort and the query wants a page,
 * an index that walks in the query's order is taken instead. The ranges only narrow down the
 * candidates: the collection matches every candidate against the whole query. Whatever cannot be bounded exactly
 * is bounded wider (number ranges are widened by one, as the matcher compares a long and a fraction by their
 * integer parts) or not at all.
 */
final class QueryPlanner {

    /**
     * At most this many combinations of points on several fields; with more, the index bounds fewer of its fields.
     * Points on the first field alone are not limited (a long {@code _id $in} is still far cheaper than a scan).
     */
    static final int MAX_POINTS = 10_000;
    /** Range sizes are counted up to this many entries to pick an index. */
    static final long ESTIMATE_CAP = 1_000;

    private QueryPlanner() {}

    /** How a query is served: {@link IndexScan} or {@link Union}. */
    sealed interface Plan permits IndexScan, Union {

        /** Every candidate position once (the collection checks each against the query). */
        Collection<Object> collectPositions();

        /** Whether {@link IndexScan#positionsInOrder()} yields the candidates in the query's sort order. */
        default boolean streamsInOrder() {
            return false;
        }

        /** The index that serves the query (the first branch's for a union), for tests and logs. */
        String indexName();
    }

    /**
     * Key ranges of one index. {@code ordered}: walking the ranges yields documents in the query's sort order (or
     * the query does not sort); {@code reverse}: walk them backwards; {@code covers}: the entries in the ranges are
     * exactly the documents the query matches, one each (a count needs no document).
     */
    record IndexScan(
            OrderedIndex index,
            List<KeyRange> ranges,
            int boundParts,
            int pointParts,
            boolean ordered,
            boolean reverse,
            boolean covers)
            implements Plan {

        /**
         * A unique index with every field bound by points (an {@code _id} lookup, for one): at most one document
         * per point, nothing to weigh it against.
         */
        boolean exactUniqueLookup() {
            return index.isUnique() && pointParts == index.indexKeys().size();
        }

        @Override
        public Collection<Object> collectPositions() {
            Set<Object> positions = new LinkedHashSet<>();
            for (KeyRange range : ranges) {
                index.positions(range, false).forEachRemaining(positions::add);
            }
            return positions;
        }

        @Override
        public boolean streamsInOrder() {
            return ordered;
        }

        /** The positions in walking order; an index that may hold several entries per document is not walked. */
        Iterator<Object> positionsInOrder() {
            List<KeyRange> order = new ArrayList<>(ranges);
            if (reverse) {
                Collections.reverse(order);
            }
            Iterator<KeyRange> remaining = order.iterator();
            return new Iterator<>() {
                private Iterator<Object> current = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && remaining.hasNext()) {
                        current = index.positions(remaining.next(), reverse);
                    }
                    return current.hasNext();
                }

                @Override
                public Object next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return current.next();
                }
            };
        }

        @Override
        public String indexName() {
            return index.getName();
        }
    }

    /** A top-level {@code $or} whose every branch is bounded: the union of the branches' candidates. */
    record Union(List<Plan> branches) implements Plan {

        @Override
        public Collection<Object> collectPositions() {
            Set<Object> positions = new LinkedHashSet<>();
            branches.forEach(branch -> positions.addAll(branch.collectPositions()));
            return positions;
        }

        @Override
        public String indexName() {
            return branches.get(0).indexName();
        }
    }

    // ------------------------------------------------------------------------------------------------ choosing

    /**
     * The plan for a query on a collection with {@code indexes}, or null when no index bounds it (the collection
     * then scans). {@code limit}: the page size (0: all); only with a limit is a sorted walk without bounds worth it.
     */
    static Plan plan(Document query, Document orderBy, int limit, List<? extends Index<Object>> indexes) {
        Conjuncts conjuncts = Conjuncts.of(query);
        SortSpec sort = SortSpec.of(orderBy);
        Plan plan = bestPlan(conjuncts, sort, limit, indexes);
        if (plan != null) {
            return plan;
        }
        for (List<Document> or : conjuncts.ors) {
            List<Plan> branches = new ArrayList<>();
            for (Document branch : or) {
                Plan branchPlan =
                        bestPlan(conjuncts.withoutOr(or).and(Conjuncts.of(branch)), SortSpec.NONE, 0, indexes);
                if (branchPlan == null) {
                    branches = null;
                    break;
                }
                branches.add(branchPlan);
            }
            if (branches != null && !branches.isEmpty()) {
                return new Union(branches);
            }
        }
        return null;
    }

    private static Plan bestPlan(Conjuncts conjuncts, SortSpec sort, int limit, List<? extends Index<Object>> indexes) {
        List<IndexScan> bounded = new ArrayList<>();
        IndexScan sortedWalk = null;
        for (Index<Object> index : indexes) {
            if (!(index instanceof OrderedIndex ordered)) {
                continue;
            }
            IndexScan scan = planFor(ordered, conjuncts, sort);
            if (scan == null) {
                continue;
            }
            if (scan.exactUniqueLookup()) {
                return scan;
            }
            if (scan.boundParts() > 0) {
                bounded.add(scan);
            } else if (sortedWalk == null && limit > 0) {
                sortedWalk = scan;
            }
        }
        if (bounded.isEmpty()) {
            return sortedWalk;
        }
        IndexScan best = null;
        long bestEstimate = Long.MAX_VALUE;
        for (IndexScan scan : bounded) {
            long estimate = scan.index().count(scan.ranges(), ESTIMATE_CAP);
            if (best == null || estimate < bestEstimate || (estimate == bestEstimate && better(scan, best, sort))) {
                best = scan;
                bestEstimate = estimate;
            }
        }
        if (bestEstimate >= ESTIMATE_CAP && limit > 0 && !sort.isEmpty() && !best.ordered()) {
            // A large candidate set to sort in memory; a walk in the query's order stops at the page's end instead.
            IndexScan orderedScan =
                    bounded.stream().filter(IndexScan::ordered).findFirst().orElse(sortedWalk);
            if (orderedScan != null) {
                return orderedScan;
            }
        }
        return best;
    }

    /**
     * A scan whose entries are exactly the documents {@code query} matches, one entry each, or null: a count then
     * counts entries and reads no document.
     */
    static IndexScan coveringScan(Document query, List<? extends Index<Object>> indexes) {
        Conjuncts conjuncts = Conjuncts.of(query);
        if (!conjuncts.complete()) {
            return null;
        }
        for (Index<Object> index : indexes) {
            if (index instanceof OrderedIndex ordered) {
                IndexScan scan = planFor(ordered, conjuncts, null);
                if (scan != null && scan.covers()) {
                    return scan;
                }
            }
        }
        return null;
    }

    private static boolean better(IndexScan candidate, IndexScan current, SortSpec sort) {
        if (!sort.isEmpty() && candidate.ordered() != current.ordered()) {
            return candidate.ordered();
        }
        return candidate.boundParts() > current.boundParts();
    }

    /**
     * The ranges of {@code index} for a query, or null when the index bounds nothing and cannot walk in the
     * query's order either ({@code sort} null: the caller does not care about order).
     */
    static IndexScan planFor(OrderedIndex index, Conjuncts conjuncts, SortSpec sort) {
        List<IndexKey> parts = index.indexKeys();
        int irregular = index.irregularParts();
        List<String> prefixes = List.of("");
        int boundParts = 0;
        int pointParts = 0;
        int singlePointParts = 0;
        boolean excludesNull = false;
        boolean usedIrregular = false;
        Range range = null;
        boolean rangeAscending = true;
        boolean exact = conjuncts.complete() && irregular == 0;
        Set<String> boundFields = new java.util.HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean irregularPart = (irregular & (1 << i)) != 0;
            if (irregularPart && usedIrregular) {
                break;
            }
            IndexKey part = parts.get(i);
            Bound bound = conjuncts.boundOf(part.getKey(), irregularPart);
            if (bound == null) {
                break;
            }
            if (bound.points() != null) {
                Set<String> encoded = new java.util.TreeSet<>();
                boolean withNull = false;
                for (Object point : bound.points()) {
                    KeyEncoding.KeyBuilder key = new KeyEncoding.KeyBuilder();
                    key.append(point, part.isAscending());
                    encoded.add(key.toKey());
                    withNull |= Missing.isNullOrMissing(point);
                }
                if (i > 0 && (long) prefixes.size() * encoded.size() > MAX_POINTS) {
                    break;
                }
                List<String> extended = new ArrayList<>(prefixes.size() * encoded.size());
                for (String prefix : prefixes) {
                    for (String point : encoded) {
                        extended.add(prefix + point);
                    }
                }
                prefixes = extended;
                boundFields.add(part.getKey());
                exact &= conjuncts.exactlyBound(part.getKey(), irregularPart);
                excludesNull |= !withNull;
                boundParts++;
                pointParts++;
                usedIrregular |= irregularPart;
                if (encoded.size() == 1 && singlePointParts == i) {
                    singlePointParts++;
                }
            } else {
                range = bound.range();
                boundFields.add(part.getKey());
                exact &= conjuncts.exactlyBound(part.getKey(), irregularPart);
                rangeAscending = part.isAscending();
                excludesNull = true;
                boundParts++;
                break;
            }
        }
        if (index.sparse() && !excludesNull) {
            return null;
        }
        List<KeyRange> ranges = new ArrayList<>(prefixes.size());
        for (String prefix : prefixes) {
            ranges.add(range == null ? KeyRange.startingWith(prefix) : range.keyRange(prefix, rangeAscending));
        }
        Boolean direction = sort == null ? null : walkDirection(index, parts, singlePointParts, ranges.size(), sort);
        boolean ordered = direction != null;
        if (boundParts == 0 && (!ordered || sort.isEmpty() || index.multikey())) {
            return null;
        }
        boolean covers = exact && boundParts > 0 && boundFields.equals(conjuncts.fields());
        return new IndexScan(index, ranges, boundParts, pointParts, ordered, ordered && !direction, covers);
    }

    /**
     * TRUE when walking the ranges forwards yields the query's order, FALSE backwards, null when neither does (or
     * the walk may meet a document more than once). A query without a sort is served in any order.
     */
    private static Boolean walkDirection(
            OrderedIndex index, List<IndexKey> parts, int singlePointParts, int ranges, SortSpec sort) {
        if (index.multikey()) {
            return null;
        }
        if (sort.isEmpty()) {
            return Boolean.TRUE;
        }
        if (!sort.supported() || ranges != 1) {
            return null;
        }
        Set<String> constant = new java.util.HashSet<>();
        for (int i = 0; i < singlePointParts; i++) {
            constant.add(parts.get(i).getKey());
        }
        Boolean forward = null;
        int part = singlePointParts;
        for (Map.Entry<String, Boolean> key : sort.keys().entrySet()) {
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

    // ------------------------------------------------------------------------------------------------- sorting

    /** A query's sort: field → ascending, in order; unsupported when it is not plain 1/-1 per field. */
    record SortSpec(Map<String, Boolean> keys, boolean supported) {
        static final SortSpec NONE = new SortSpec(Map.of(), true);

        static SortSpec of(Document orderBy) {
            if (orderBy == null || orderBy.isEmpty()) {
                return NONE;
            }
            Map<String, Boolean> keys = new LinkedHashMap<>();
            for (Map.Entry<String, Object> key : orderBy.entrySet()) {
                if (!(key.getValue() instanceof Number direction)
                        || key.getKey().startsWith("$")) {
                    return new SortSpec(Map.of("?", true), false);
                }
                keys.put(key.getKey(), direction.intValue() > 0);
            }
            return new SortSpec(keys, true);
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------- conditions

    /** The values a query allows for one field: points, or a range. */
    /**
     * The values one condition (or all conditions on a field) allows. {@code exact}: the entries in these bounds are
     * exactly the documents the condition matches (plain equality or {@code $in}, or a range of a type other than
     * numbers, and nothing else in the condition), so an index can count them without reading them.
     */
    record Bound(List<Object> points, Range range, boolean exact) {}

    /**
     * A range of one type bracket over ascending encodings; a null end is open (the bracket's end). Number ends are
     * the first nine bytes (type and double) of the widened bound, inclusive, so they take every tie-breaker.
     */
    record Range(int type, String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {

        Range intersect(Range other) {
            if (other.type != type) {
                return this;
            }
            String newLower = lower;
            boolean newLowerInclusive = lowerInclusive;
            if (other.lower != null && (lower == null || other.lower.compareTo(lower) > 0)) {
                newLower = other.lower;
                newLowerInclusive = other.lowerInclusive;
            } else if (other.lower != null && other.lower.equals(lower)) {
                newLowerInclusive = lowerInclusive && other.lowerInclusive;
            }
            String newUpper = upper;
            boolean newUpperInclusive = upperInclusive;
            if (other.upper != null && (upper == null || other.upper.compareTo(upper) < 0)) {
                newUpper = other.upper;
                newUpperInclusive = other.upperInclusive;
            } else if (other.upper != null && other.upper.equals(upper)) {
                newUpperInclusive = upperInclusive && other.upperInclusive;
            }
            return new Range(type, newLower, newLowerInclusive, newUpper, newUpperInclusive);
        }

        /** The entry keys that start with {@code prefix} and then hold a value of this range. */
        KeyRange keyRange(String prefix, boolean ascending) {
            String bracket = String.valueOf((char) type);
            if (ascending) {
                String from = lower == null ? bracket : lowerInclusive ? lower : KeyEncoding.successor(lower);
                String to = upper == null
                        ? KeyEncoding.successor(bracket)
                        : upperInclusive ? KeyEncoding.successor(upper) : upper;
                return new KeyRange(prefix + from, prefix + to);
            }
            String invertedBracket = invert(bracket);
            String from = upper == null
                    ? invertedBracket
                    : upperInclusive ? invert(upper) : KeyEncoding.successor(invert(upper));
            String to = lower == null
                    ? KeyEncoding.successor(invertedBracket)
                    : lowerInclusive ? KeyEncoding.successor(invert(lower)) : invert(lower);
            return new KeyRange(prefix + from, prefix + to);
        }

        private static String invert(String key) {
            KeyEncoding.KeyBuilder inverted = new KeyEncoding.KeyBuilder(key);
            inverted.invertFrom(0);
            return inverted.toKey();
        }
    }

    /**
     * A query's top-level conditions: per field, what each condition allows (a field may be named in several
     * {@code $and} branches), and the top-level {@code $or} clauses.
     */
    static final class Conjuncts {

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
                        Range bound = rangeOf(operator.getKey(), operand);
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

        /** The range of one comparison, or null when its operand has no orderable type bracket. */
        private static Range rangeOf(String operator, Object operand) {
            boolean lower = operator.startsWith("$gt");
            boolean inclusive = operator.endsWith("e");
            if (operand instanceof Number number) {
                double value = number.doubleValue();
                if (Double.isNaN(value)) {
                    return null;
                }
                KeyEncoding.KeyBuilder bound = new KeyEncoding.KeyBuilder();
                KeyEncoding.writeNumberPrefix(lower ? Math.nextDown(value - 1) : Math.nextUp(value + 1), bound);
                String key = bound.toKey();
                return lower
                        ? new Range(KeyEncoding.NUMBER, key, true, null, false)
                        : new Range(KeyEncoding.NUMBER, null, false, key, true);
            }
            if (!(operand instanceof String
                    || operand instanceof Instant
                    || operand instanceof Date
                    || operand instanceof ObjectId
                    || operand instanceof Boolean
                    || operand instanceof BsonTimestamp
                    || operand instanceof UUID
                    || operand instanceof LegacyUUID
                    || operand instanceof BinData)) {
                return null;
            }
            String key = KeyEncoding.encode(operand);
            int type = KeyEncoding.typeOf(operand);
            return lower ? new Range(type, key, inclusive, null, false) : new Range(type, null, false, key, inclusive);
        }
    }
}
