package io.orderengine.infrastructure.store.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * How {@link QueryPlanner} serves a query, and how the chosen plan yields its candidate positions: an
 * {@link IndexScan} walks key ranges of one index (in the query's order when it can), a {@link Union} joins the
 * candidates of the branches of a top-level {@code $or}.
 */
sealed interface Plan permits Plan.IndexScan, Plan.Union {

    /** Every candidate position once (the collection checks each against the query). */
    Collection<Object> collectPositions();

    /** Whether {@link IndexScan#positionsInOrder()} yields the candidates in the query's sort order. */
    default boolean streamsInOrder() {
        return false;
    }

    /** The index that serves the query (the first branch's for a union), for tests and logs. */
    String indexName();

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
}
