package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import io.orderengine.infrastructure.store.index.Bound.Range;
import io.orderengine.infrastructure.store.index.Plan.IndexScan;
import io.orderengine.infrastructure.store.index.Plan.Union;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * <p>
 * This class chooses; the query's conditions are read by {@link Conjuncts} into {@link Bound}s, its sort by
 * {@link SortSpec}, and the chosen {@link Plan} yields the candidates.
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
        for (List<Document> or : conjuncts.ors()) {
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
        Boolean direction = sort == null ? null : sort.walkDirection(index, parts, singlePointParts, ranges.size());
        boolean ordered = direction != null;
        if (boundParts == 0 && (!ordered || sort.isEmpty() || index.multikey())) {
            return null;
        }
        boolean covers = exact && boundParts > 0 && boundFields.equals(conjuncts.fields());
        return new IndexScan(index, ranges, boundParts, pointParts, ordered, ordered && !direction, covers);
    }
}
