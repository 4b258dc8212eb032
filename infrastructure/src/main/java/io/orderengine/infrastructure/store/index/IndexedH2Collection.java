package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.IndexBuildFailedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection of the embedded store that serves its queries from its {@link OrderedIndex}es: the
 * {@link QueryPlanner} picks the index and key ranges, the documents at the positions found there are matched
 * against the whole query (as mongo-java-server does for any index), and when the index walks in the query's sort
 * order the documents are read lazily and reading stops once the page is full. Without a usable index the query
 * is a scan, as before. Candidates that are not walked in order are read in the collection's own order (a page of
 * documents is read once for all its candidates). A count that an index covers exactly (every condition bounds an
 * index field, no array in them) counts index entries and reads no document.
 * <p>
 * Also builds its indexes from the documents (all indexes that need it in one pass over the collection), and counts
 * the documents it reads to match queries: {@link #examinedDocuments()} is what a query costs, index or not.
 */
final class IndexedH2Collection extends H2Collection {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Collection.class);

    private final MVMap<Object, Document> dataMap;
    private final LongAdder examined = new LongAdder();
    private final LongAdder builds;
    private final List<OrderedIndex> deferredBuilds = new ArrayList<>();
    private boolean deferBuilds;

    IndexedH2Collection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> dataMap,
            MVMap<String, Object> metaMap,
            CursorRegistry cursorRegistry,
            LongAdder builds) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.dataMap = dataMap;
        this.builds = builds;
    }

    /** Documents read to match queries since the collection was opened. */
    long examinedDocuments() {
        return examined.sum();
    }

    String idField() {
        return getIdField();
    }

    // ------------------------------------------------------------------------------------------------ queries

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        if (orderBy != null && orderBy.containsKey("$natural")) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        int window = limit > 0 ? numberToSkip + limit : 0;
        Plan plan = QueryPlanner.plan(query, orderBy, window, getIndexes());
        if (plan == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return run(plan, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    private QueryResult run(
            Plan plan,
            Document query,
            Document orderBy,
            int numberToSkip,
            int limit,
            int batchSize,
            Document fieldSelector) {
        if (plan.streamsInOrder() && plan instanceof Plan.IndexScan scan) {
            Stream<Object> positions = StreamSupport.stream(
                    Spliterators.spliteratorUnknownSize(scan.positionsInOrder(), Spliterator.ORDERED), false);
            return matchDocumentsFromStream(
                    query, documentsAt(positions), numberToSkip, limit, batchSize, null, fieldSelector);
        }
        // In the documents' own order: reading a page of the collection once for all its candidates, instead of
        // once per candidate in index order (which costs far more than a scan once the candidates are many).
        List<Object> positions = new ArrayList<>(plan.collectPositions());
        positions.sort(dataMap.getKeyType());
        return matchDocumentsFromStream(
                documentsAt(positions.stream()), query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    private Stream<Document> documentsAt(Stream<Object> positions) {
        // A document removed since its position was read (a count runs outside the collection's lock) is skipped.
        return positions.map(this::getDocument).filter(Objects::nonNull);
    }

    /**
     * The documents matching {@code filter} when an index bounds it, null when it would be a scan: the first
     * {@code $match} of an aggregation (the server otherwise hands every document to the pipeline).
     */
    synchronized List<Document> indexedMatches(Document filter) {
        Plan plan = QueryPlanner.plan(filter, null, 0, getIndexes());
        if (plan == null) {
            return null;
        }
        List<Document> matches = new ArrayList<>();
        run(plan, filter, null, 0, 0, 0, null).forEach(matches::add);
        return matches;
    }

    /**
     * How many documents match {@code filter} when an index holds exactly those documents (one entry each): its
     * entries in range are counted and no document is read. Null when no index does.
     */
    Long coveredCount(Document filter) {
        Plan.IndexScan scan = QueryPlanner.coveringScan(filter, getIndexes());
        return scan == null ? null : scan.index().count(scan.ranges(), Long.MAX_VALUE);
    }

    /** The count command: from an index alone when one covers the query (see {@link #coveredCount}). */
    @Override
    public int count(Document query, int skip, int limit) {
        Long covered = query == null || query.isEmpty() ? null : coveredCount(query);
        if (covered == null) {
            return super.count(query, skip, limit);
        }
        long count = Math.max(0, covered - Math.max(skip, 0));
        return (int) Math.min(limit > 0 ? Math.min(count, limit) : count, Integer.MAX_VALUE);
    }

    /**
     * Every path that reads documents to match a query ends here: the place to count them, and to copy them.
     * mongo-java-server hands out the stored document itself and its updates change that object in place, field by
     * field, while an earlier reader's answer may still be written to the wire outside the collection's lock: a
     * reader then saw a document with fields from two updates (a torn read; {@code EmbeddedStoreFindAndModifyTest}).
     * With a copy per document read, an update changes its own copy and stores that, so the stored object is never
     * changed again once a reader may hold it.
     */
    @Override
    protected QueryResult matchDocumentsFromStream(
            Document query,
            Stream<Document> documentStream,
            int numberToSkip,
            int limit,
            int batchSize,
            Comparator<Document> documentComparator,
            Document fieldSelector) {
        return super.matchDocumentsFromStream(
                query,
                documentStream.peek(document -> examined.increment()).map(Document::cloneDeeply),
                numberToSkip,
                limit,
                batchSize,
                documentComparator,
                fieldSelector);
    }

    // ------------------------------------------------------------------------------------------------- builds

    /**
     * Adds an index; one that is new or whose map cannot be trusted is built from the documents first, under the
     * collection's lock so no write slips between the build and the index joining the collection. While the
     * database is being opened, builds wait for {@link #buildDeferredIndexes()} to make them in one pass.
     */
    @Override
    public synchronized void addIndex(Index<Object> index) {
        if (index instanceof OrderedIndex ordered && ordered.needsBuild() && !hasIndexNamed(index.getName())) {
            if (deferBuilds) {
                deferredBuilds.add(ordered);
            } else {
                build(List.of(ordered), true);
            }
        }
        super.addIndex(index);
    }

    private boolean hasIndexNamed(String name) {
        return getIndexes().stream().anyMatch(existing -> existing.getName().equals(name));
    }

    synchronized void deferBuilds() {
        deferBuilds = true;
    }

    /** Builds the indexes that waited while the database was opened; returns how many. */
    synchronized int buildDeferredIndexes() {
        deferBuilds = false;
        int count = deferredBuilds.size();
        if (count > 0) {
            build(List.copyOf(deferredBuilds), false);
            deferredBuilds.clear();
        }
        return count;
    }

    /**
     * Builds {@code indexes} in one pass over the documents. A unique index that meets a second document with a
     * key fails the build when it is being created ({@code failOnDuplicate}); one rebuilt on open (its documents
     * were accepted under it before) keeps both entries and logs the duplicate.
     */
    private void build(List<OrderedIndex> indexes, boolean failOnDuplicate) {
        indexes.forEach(OrderedIndex::startBuild);
        List<IndexBuild> builds = indexes.stream().map(OrderedIndex::build).toList();
        streamAllDocumentsWithPosition().forEach(entry -> {
            for (IndexBuild build : builds) {
                build.add(entry.getDocument(), entry.getPosition());
            }
        });
        for (int i = 0; i < indexes.size(); i++) {
            OrderedIndex index = indexes.get(i);
            Object duplicate = builds.get(i).finish();
            if (duplicate == null) {
                continue;
            }
            DuplicateKeyError error = index.duplicateOf(getDocument(duplicate), this);
            if (failOnDuplicate) {
                indexes.forEach(OrderedIndex::startBuild);
                throw new IndexBuildFailedException(error, this);
            }
            log.error(
                    "Store indexes: {} holds a duplicate key of unique index {}: {}",
                    getFullName(),
                    index.getName(),
                    error.getMessage());
        }
        indexes.forEach(OrderedIndex::finishBuild);
        this.builds.add(indexes.size());
    }
}
