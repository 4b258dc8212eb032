package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.ChainLinks.CHAIN_INDEX;
import static io.orderengine.infrastructure.eventstore.ChainLinks.CHAIN_LINK;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chains stored events, after their commit, in the order it finds them: each event gets the next chain index and its
 * link ({@link ChainLinks}) on its own document, and the head (index, link, position) is kept in the
 * {@code event_chain} collection. Appends are not slowed or serialized by the chain: positions are allocated and
 * written concurrently by every instance, as before, and the sealer follows them.
 * <p>
 * It walks positions upwards from its watermark. An event is chained once its commit is {@code settle} old (a commit
 * that hits a concurrent change of an aggregate removes the documents it wrote a moment before; those must not be
 * chained). A position allocated but never written (a crashed commit) is passed over once a later position is older
 * than the gap timeout, and kept in the head document for a while: a commit that lands that late is chained at the
 * head when it appears. So the chain order is the commit order as seen by the sealer, which is the position order but
 * for such late commits; the verifier walks the chain by index, not by position.
 * <p>
 * A hole wider than the window (a failed commit of a large block, a store with sparse positions) would leave the
 * window empty for ever; when it is empty and the position counter is beyond it, the sealer looks up the next stored
 * position and, once that event is older than the gap timeout, passes over the whole hole as one gap range (kept in
 * the head like single gaps, so an event that lands in it late is still chained, and the verifier accepts the hole).
 * Only positions that never held a chained event can be passed over: an event removed after it was chained leaves a
 * hole in the chain's indexes, which the verifier reports whatever the positions around it.
 * <p>
 * One sealer works at a time in a cluster: it holds a lease in {@code event_chain}; the chain index is unique, so two
 * sealers that overlap anyway cannot both write the same index, and the head moves only by compare-and-set.
 * Stores written before the chain existed are chained from their first position on the first start (docs/security.md).
 */
public final class EventChainSealer {

    public static final String CHAIN_COLLECTION = "event_chain";
    static final String HEAD_ID = "head";
    static final String CHAIN_INDEX_NAME = "chainIndex_unique";

    private static final Logger log = LoggerFactory.getLogger(EventChainSealer.class);

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> chain;
    /** The position counter ({@code event_positions}); null: unknown, the next stored position is looked up. */
    private final MongoCollection<Document> positions;

    private long rangesCheckedAt;
    private long beyondCheckedAt;
    /**
     * The watermark a round left behind with every allocated position chained and no gap open, so that nothing can
     * still land at or below it; -1 when not known. While the position counter stays there, a round has nothing to do.
     */
    private long settledAt = -1;

    private final ChainLease lease;
    private final Clock clock;
    private final Duration gapTimeout;
    private final Duration settle;
    private final int window;

    public EventChainSealer(
            MongoCollection<Document> events,
            MongoCollection<Document> chain,
            ChainLease lease,
            Clock clock,
            Duration gapTimeout,
            Duration settle,
            int window) {
        this(events, chain, null, lease, clock, gapTimeout, settle, window);
    }

    public EventChainSealer(
            MongoCollection<Document> events,
            MongoCollection<Document> chain,
            MongoCollection<Document> positions,
            ChainLease lease,
            Clock clock,
            Duration gapTimeout,
            Duration settle,
            int window) {
        this.events = events;
        this.chain = chain;
        this.positions = positions;
        this.lease = lease;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.settle = settle;
        this.window = window;
    }

    /** The unique, sparse index on the chain index: the verifier walks it in order; it refuses a second writer. */
    public void ensureIndexes() {
        events.createIndex(
                Indexes.ascending(CHAIN_INDEX),
                new IndexOptions().unique(true).sparse(true).name(CHAIN_INDEX_NAME));
    }

    /** Chains every event that is ready, if this instance holds the sealer's lease; returns how many it chained. */
    public int seal() {
        if (settledAt >= 0 && allocated() == settledAt) {
            // no position allocated since everything was chained: not even the lease is renewed (an idle engine
            // otherwise writes it and reads a window of the log every round)
            return 0;
        }
        settledAt = -1;
        if (!lease.claim()) {
            return 0;
        }
        int total = 0;
        while (true) {
            int chained = sealOnce();
            total += chained;
            if (chained < window) {
                settledAt = settledWatermark();
                return total;
            }
        }
    }

    /** The highest position allocated so far (the counter); -1 when unknown. */
    private long allocated() {
        if (positions == null) {
            return -1;
        }
        Document counter = positions
                .find(Filters.eq(EventDocuments.POSITION, EventCommits.COUNTER_ID))
                .first();
        Object last = counter == null ? null : counter.get(EventCommits.COUNTER_FIELD);
        return last instanceof Number n ? n.longValue() : -1;
    }

    /** The chain's watermark when it covers every allocated position with no gap open; else -1. */
    private long settledWatermark() {
        long allocated = allocated();
        if (allocated < 0) {
            return -1;
        }
        ChainHead head = ChainHead.read(chain);
        boolean settled = head.gaps().isEmpty() && head.ranges().isEmpty() && head.watermark() == allocated;
        return settled ? allocated : -1;
    }

    /** One window of positions above the watermark, plus the open gaps. */
    int sealOnce() {
        ChainHead head = ChainHead.read(chain);
        long now = clock.millis();
        Map<Long, Long> gaps = new TreeMap<>(head.gaps());
        gaps.values().removeIf(since -> now - since > 10 * gapTimeout.toMillis());
        List<ChainHead.GapRange> ranges = new ArrayList<>(head.ranges());
        ranges.removeIf(range -> now - range.since() > 10 * gapTimeout.toMillis());
        List<Long> ids = new ArrayList<>(gaps.keySet());
        // positions above the last allocated one hold nothing yet: while gaps stay open after traffic (they are kept
        // ten gap timeouts), an idle round asks for the gaps alone, not for a whole window of empty positions
        long allocated = allocated();
        long upTo = allocated >= 0 ? Math.min(head.watermark() + window, allocated) : head.watermark() + window;
        for (long p = head.watermark() + 1; p <= upTo; p++) {
            ids.add(p);
        }
        if (ids.isEmpty()) {
            return write(head, new ArrayList<>(lateInRanges(ranges, now)), head.watermark(), gaps, ranges);
        }
        Map<Long, Document> found = new TreeMap<>();
        for (Document document : events.find(Filters.in(EventDocuments.POSITION, ids))) {
            found.put(EventDocuments.position(document), document);
        }
        List<Document> toChain = new ArrayList<>(lateInRanges(ranges, now));
        for (Long gap : List.copyOf(gaps.keySet())) {
            Document late = found.remove(gap);
            if (late != null) {
                toChain.add(late);
                gaps.remove(gap);
            }
        }
        long watermark = head.watermark();
        for (Document document : found.values()) {
            long position = EventDocuments.position(document);
            if (position <= head.watermark()) {
                continue;
            }
            long allocatedAt = EventDocuments.allocatedAt(document);
            if (now - allocatedAt < settle.toMillis()) {
                break;
            }
            if (position > watermark + 1) {
                if (now - allocatedAt < gapTimeout.toMillis()) {
                    break; // a commit below may still be writing
                }
                for (long gap = watermark + 1; gap < position; gap++) {
                    gaps.put(gap, now);
                }
            }
            toChain.add(document);
            watermark = position;
        }
        boolean windowEmpty = found.keySet().stream().noneMatch(position -> position > head.watermark());
        if (toChain.isEmpty() && windowEmpty) {
            Document next = nextBeyondWindow(head.watermark(), now);
            if (next != null && now - EventDocuments.allocatedAt(next) >= gapTimeout.toMillis()) {
                long position = EventDocuments.position(next);
                ranges.add(new ChainHead.GapRange(head.watermark() + 1, position - 1, now));
                log.warn(
                        "event log: positions {}..{} hold no event; the chain passes over them as a gap",
                        head.watermark() + 1,
                        position - 1);
                write(head, List.of(), position - 1, gaps, ranges);
                // go on from the event after the hole, unless another sealer moved the head meanwhile
                return ChainHead.read(chain).watermark() == position - 1 ? sealOnce() : 0;
            }
        }
        return write(head, toChain, watermark, gaps, ranges);
    }

    /**
     * The first stored event beyond the window above {@code watermark}, when the position counter says positions
     * were allocated there (so an idle log is not searched), and at most every sixth of the gap timeout (a range
     * query, which the embedded store answers by a scan); null when there is none or it is not time to look.
     */
    private Document nextBeyondWindow(long watermark, long now) {
        long beyond = watermark + window;
        if (positions != null && allocated() <= beyond) {
            return null;
        }
        if (now - beyondCheckedAt < gapTimeout.toMillis() / 6) {
            return null;
        }
        beyondCheckedAt = now;
        return events.find(Filters.gt(EventDocuments.POSITION, beyond))
                .sort(Sorts.ascending(EventDocuments.POSITION))
                .limit(1)
                .first();
    }

    /**
     * Events that landed late in an open gap range, in position order; looked for at most every sixth of the gap
     * timeout (a range query, which the embedded store answers by a scan).
     */
    private List<Document> lateInRanges(List<ChainHead.GapRange> ranges, long now) {
        if (ranges.isEmpty() || now - rangesCheckedAt < gapTimeout.toMillis() / 6) {
            return List.of();
        }
        rangesCheckedAt = now;
        List<Bson> within = ranges.stream()
                .map(range -> Filters.and(
                        Filters.gte(EventDocuments.POSITION, range.from()),
                        Filters.lte(EventDocuments.POSITION, range.to())))
                .toList();
        return events.find(Filters.and(Filters.or(within), Filters.exists(CHAIN_INDEX, false)))
                .sort(Sorts.ascending(EventDocuments.POSITION))
                .into(new ArrayList<>());
    }

    private int write(
            ChainHead head,
            List<Document> toChain,
            long watermark,
            Map<Long, Long> gaps,
            List<ChainHead.GapRange> ranges) {
        long index = head.index();
        String link = head.link();
        long lastPosition = head.position();
        List<WriteModel<Document>> updates = new ArrayList<>(toChain.size());
        for (Document document : toChain) {
            index++;
            String next = ChainLinks.link(link, index, document);
            Long existing = ChainLinks.index(document);
            if (existing != null) {
                if (existing != index || !next.equals(document.getString(CHAIN_LINK))) {
                    log.error(
                            "event log: the event at position {} carries chain index {} where the sealer expected {}"
                                    + " with another link; not chaining further until the log is verified",
                            EventDocuments.position(document),
                            existing,
                            index);
                    return 0;
                }
            } else {
                updates.add(new UpdateOneModel<>(
                        Filters.and(
                                Filters.eq(EventDocuments.POSITION, EventDocuments.position(document)),
                                Filters.exists(CHAIN_INDEX, false)),
                        Updates.combine(Updates.set(CHAIN_INDEX, index), Updates.set(CHAIN_LINK, next))));
            }
            link = next;
            lastPosition = EventDocuments.position(document);
        }
        if (!updates.isEmpty()) {
            try {
                events.bulkWrite(updates);
            } catch (MongoBulkWriteException e) {
                log.warn("event log: another sealer chained the same entries; leaving this round ({})", e.getMessage());
                return 0;
            }
        }
        if (index == head.index()
                && watermark == head.watermark()
                && gaps.equals(head.gaps())
                && ranges.equals(head.ranges())) {
            return 0;
        }
        Map<String, Object> gapDocument = new LinkedHashMap<>();
        gaps.forEach((position, since) -> gapDocument.put(Long.toString(position), since));
        long modified = chain.updateOne(
                        Filters.and(Filters.eq("_id", HEAD_ID), Filters.eq("index", head.index())),
                        Updates.combine(
                                Updates.set("index", index),
                                Updates.set("link", link),
                                Updates.set("position", lastPosition),
                                Updates.set("watermark", watermark),
                                Updates.set("gaps", new Document(gapDocument)),
                                Updates.set(
                                        "gapRanges",
                                        ranges.stream()
                                                .map(ChainHead.GapRange::toDocument)
                                                .toList()),
                                Updates.set("at", clock.millis())),
                        new UpdateOptions().upsert(head.index() == 0 && !head.stored()))
                .getModifiedCount();
        if (modified == 0 && head.stored()) {
            log.warn("event log: the chain head moved while sealing (another sealer?); it is read again next round");
        }
        return toChain.size();
    }
}
