package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.EventDocuments.ALLOCATED_AT;
import static io.orderengine.infrastructure.eventstore.EventDocuments.POSITION;
import static io.orderengine.infrastructure.eventstore.EventDocuments.allocatedAt;
import static io.orderengine.infrastructure.eventstore.EventDocuments.position;
import static io.orderengine.infrastructure.eventstore.EventDocuments.toEventData;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

/**
 * The tracking side of {@link MongoGlobalSequenceEventStorageEngine}: reads the events after a
 * {@link GapAwareTrackingToken} by position ({@code _id $in [next positions, open gaps]}) and advances the token over
 * them, filling gaps whose commit landed late, dropping gaps that timed out, and (with ordered delivery) stopping
 * before a position still being written; also places the head token and a token at a point in time.
 */
final class TrackedEventReader {

    private final MongoCollection<Document> events;
    private final EventCommits commits;
    private final Clock clock;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final int engineBatchSize;
    private final int trackingBatchSize;
    private final int headWindow;
    private final boolean orderedDelivery;

    TrackedEventReader(
            MongoCollection<Document> events,
            EventCommits commits,
            Clock clock,
            Duration gapTimeout,
            int maxGapOffset,
            int engineBatchSize,
            int trackingBatchSize,
            int headWindow,
            boolean orderedDelivery) {
        this.events = events;
        this.commits = commits;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
        this.engineBatchSize = engineBatchSize;
        this.trackingBatchSize = trackingBatchSize;
        this.headWindow = headWindow;
        this.orderedDelivery = orderedDelivery;
    }

    /** The events after {@code lastToken} (the start when {@code null}), each with the token that includes it. */
    List<? extends TrackedEventData<?>> fetch(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Unsupported token format: " + lastToken);
        }
        GapAwareTrackingToken previous =
                lastToken == null ? GapAwareTrackingToken.newInstance(0, List.of()) : (GapAwareTrackingToken) lastToken;
        long index = previous.getIndex();
        SortedSet<Long> gaps = previous.getGaps();
        int window = Math.max(batchSize, trackingBatchSize);
        Set<Long> successors = gapRunSuccessors(gaps);

        List<Long> ids = new ArrayList<>(gaps.size() + successors.size() + window);
        ids.addAll(gaps);
        ids.addAll(successors);
        for (long position = index + 1; position <= index + window; position++) {
            ids.add(position);
        }
        TreeMap<Long, Document> found = byPosition(ids);
        lookAgainBelowTheHighestFound(ids, found);
        if (found.isEmpty() || found.lastKey() <= index) {
            List<Document> further = scanAhead(index + window);
            if (!further.isEmpty()) {
                // Found by a later read than the ones above: an open gap or a position of the next window written
                // before those events (an aggregate's previous event) may have landed since, so the positions still
                // missing are looked for once more, as below the highest found in one read. Without it the later
                // event was delivered first and the earlier one after it as a gap fill (ExactReplayStressTest, in
                // a full run, twice).
                for (Document document : further) {
                    found.put(position(document), document);
                }
                lookAgainBelowTheHighestFound(ids, found);
            }
        }

        List<Document> gapFills = new ArrayList<>();
        List<Document> ahead = new ArrayList<>();
        for (Map.Entry<Long, Document> entry : found.entrySet()) {
            long position = entry.getKey();
            if (position > index) {
                ahead.add(entry.getValue());
            } else if (gaps.contains(position)) {
                gapFills.add(entry.getValue());
            }
        }

        long frame = clock.millis() - gapTimeout.toMillis();
        long expiredBelow = 0;
        for (long successor : successors) {
            Document document = found.get(successor);
            if (document != null && allocatedAt(document) < frame) {
                expiredBelow = Math.max(expiredBelow, successor);
            }
        }

        List<TrackedEventData<?>> result = new ArrayList<>(gapFills.size() + ahead.size());
        GapAwareTrackingToken token = previous;
        for (Document document : gapFills) {
            token = token.advanceTo(position(document), maxGapOffset);
            result.add(new TrackedDomainEventData<>(token, toEventData(document)));
        }
        if (expiredBelow > 0) {
            token = token.withGapsTruncatedAt(expiredBelow);
            if (ahead.isEmpty() && !result.isEmpty()) {
                TrackedEventData<?> lastFill = result.remove(result.size() - 1);
                result.add(new TrackedDomainEventData<>(token, (DomainEventData<?>) lastFill));
            }
        }
        long expected = index + 1;
        for (Document document : ahead) {
            long position = position(document);
            boolean allocatedBeforeFrame = allocatedAt(document) < frame;
            if (orderedDelivery && position > expected && !allocatedBeforeFrame) {
                // A commit that got lower positions is still being written: wait for it rather than deliver past it
                // (until the gap timeout says it crashed).
                break;
            }
            expected = position + 1;
            if (allocatedBeforeFrame) {
                // Every position below was allocated before this one, longer ago than the gap timeout.
                token = GapAwareTrackingToken.newInstance(position, List.of());
            } else {
                token = token.advanceTo(position, maxGapOffset);
            }
            result.add(new TrackedDomainEventData<>(token, toEventData(document)));
        }
        return result;
    }

    /**
     * A find is not a snapshot: a commit that landed while it ran can be seen at a higher position and missed at a
     * lower one, although the lower one landed first (an aggregate's next commit is allocated only once its previous one
     * has landed). Delivering the higher one then and the lower one later as a gap fill would hand a processor an
     * aggregate's events out of sequence. So the positions missing below the highest one found are looked for once
     * more: whatever landed before the first read ended is visible to this one. Costs a second read only while commits
     * are in flight (or gaps are open) and something new was found.
     */
    private void lookAgainBelowTheHighestFound(List<Long> ids, TreeMap<Long, Document> found) {
        if (found.isEmpty()) {
            return;
        }
        long highest = found.lastKey();
        List<Long> missing = new ArrayList<>();
        for (long id : ids) {
            if (id < highest && !found.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(byPosition(missing));
        }
    }

    /** For each run of consecutive gaps, the position just after it: written, and its allocation time bounds theirs. */
    private static Set<Long> gapRunSuccessors(SortedSet<Long> gaps) {
        Set<Long> successors = new HashSet<>();
        for (long gap : gaps) {
            if (!gaps.contains(gap + 1)) {
                successors.add(gap + 1);
            }
        }
        return successors;
    }

    /**
     * Nothing in the next window: a crashed commit may have left a block of allocated positions that will never be
     * written. Look further, one window at a time, up to the last allocated position. The window found is looked at
     * again below its highest position, as the next window is ({@link #lookAgainBelowTheHighestFound}): a whole window
     * of commits in flight (many writers at once) made it the only read, and an aggregate's next event found without
     * the one before it was delivered first ({@code ExactReplayStressTest}, once in a full run).
     */
    private List<Document> scanAhead(long from) {
        long last = commits.lastAllocated();
        int window = Math.max(engineBatchSize, trackingBatchSize);
        for (long start = from + 1; start <= last; start += window) {
            List<Long> ids = new ArrayList<>(window);
            for (long position = start; position < start + window && position <= last; position++) {
                ids.add(position);
            }
            TreeMap<Long, Document> found = byPosition(ids);
            if (!found.isEmpty()) {
                // the same non-snapshot find as the next window's: look again below the highest found
                lookAgainBelowTheHighestFound(ids, found);
                return new ArrayList<>(found.values());
            }
        }
        return new ArrayList<>();
    }

    private TreeMap<Long, Document> byPosition(List<Long> ids) {
        TreeMap<Long, Document> found = new TreeMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document document : events.find(Filters.in(POSITION, ids))) {
            found.put(position(document), document);
        }
        return found;
    }

    /**
     * The position of {@link #headToken()} (0 when nothing was allocated yet) without reading its whole window: the
     * highest position written among the last allocated ones is looked for from the top, 16 positions first and four
     * times as many each step after, within the same window. For a caller that needs the head's position only (the
     * processors' lag, sampled every few seconds, idle or not), one small read instead of the window's.
     */
    long headPosition() {
        long last = commits.lastAllocated();
        if (last == 0) {
            return 0;
        }
        long floor = Math.max(1, last - headWindow + 1);
        long step = 16;
        for (long to = last; to >= floor; to -= step, step *= 4) {
            long from = Math.max(floor, to - step + 1);
            List<Long> ids = new ArrayList<>();
            for (long position = from; position <= to; position++) {
                ids.add(position);
            }
            long highest = -1;
            for (Document document : events.find(Filters.in(POSITION, ids)).projection(Projections.include(POSITION))) {
                highest = Math.max(highest, position(document));
            }
            if (highest >= 0) {
                return highest;
            }
        }
        return floor - 1;
    }

    /**
     * A token just behind the newest events: the highest position written among the last allocated ones, with the
     * unwritten positions below it as gaps (commits still in flight are not skipped). {@code null} when nothing was
     * allocated yet.
     */
    TrackingToken headToken() {
        long last = commits.lastAllocated();
        if (last == 0) {
            return null;
        }
        long from = Math.max(1, last - headWindow + 1);
        List<Long> ids = new ArrayList<>();
        for (long position = from; position <= last; position++) {
            ids.add(position);
        }
        TreeSet<Long> written = new TreeSet<>();
        for (Document document : events.find(Filters.in(POSITION, ids)).projection(Projections.include(POSITION))) {
            written.add(position(document));
        }
        if (written.isEmpty()) {
            return GapAwareTrackingToken.newInstance(from - 1, List.of());
        }
        long head = written.last();
        List<Long> missing = new ArrayList<>();
        for (long position = from; position < head; position++) {
            if (!written.contains(position)) {
                missing.add(position);
            }
        }
        return GapAwareTrackingToken.newInstance(head, missing);
    }

    /**
     * The position of the first event committed at or after {@code dateTime} (by allocation time), or {@code null}
     * when there is none.
     */
    Long firstPositionAllocatedFrom(Instant dateTime) {
        Document first = events.find(Filters.gte(ALLOCATED_AT, dateTime.toEpochMilli()))
                .sort(Sorts.ascending(ALLOCATED_AT, POSITION))
                .projection(Projections.include(POSITION))
                .limit(1)
                .first();
        return first == null ? null : position(first);
    }
}
