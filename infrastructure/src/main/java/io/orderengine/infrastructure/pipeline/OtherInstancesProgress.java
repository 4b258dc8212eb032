package io.orderengine.infrastructure.pipeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read your writes across instances: whether the processor segment that handles an aggregate, held by another
 * instance, has handled one of its events. That instance stores the segment's token in the shared token store once
 * the batch that handled the event has committed (its read-model writes are done); so the event is handled when the
 * token covers the event's position. Read-only: the token is read from the store's documents, never claimed.
 * <p>
 * A waiting request looks every {@value #POLL_MILLIS} ms. The requests waiting on one processor at the same time share
 * its reads: a read younger than that is answered again instead of asking the store (a token only moves forward, so
 * an older read can only say "not yet"), so the store sees at most one read of a processor's tokens per interval
 * however many requests wait.
 */
public class OtherInstancesProgress {

    private static final Logger log = LoggerFactory.getLogger(OtherInstancesProgress.class);
    static final long POLL_MILLIS = 10;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);

    /** Where an aggregate's event is in the log (global position), if stored. */
    @FunctionalInterface
    public interface Positions {
        OptionalLong positionOf(String aggregateId, long sequence);
    }

    /** A processor's token documents by segment, as read when {@code startedAt} ({@link System#nanoTime()}) was. */
    private record Read(long startedAt, Map<Integer, Document> bySegment) {}

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final Positions positions;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Read> latest = new ConcurrentHashMap<>();

    public OtherInstancesProgress(MongoCollection<Document> tokens, Serializer serializer, Positions positions) {
        this(tokens, serializer, positions, System::nanoTime);
    }

    /** With {@code nanoTime} in place of {@link System#nanoTime()} for the age of a shared read (tests). */
    OtherInstancesProgress(
            MongoCollection<Document> tokens, Serializer serializer, Positions positions, LongSupplier nanoTime) {
        this.tokens = tokens;
        this.serializer = serializer;
        this.positions = positions;
        this.nanoTime = nanoTime;
    }

    /**
     * Waits, at most {@code timeout}, until the segment of {@code processor} that handles the aggregate has handled
     * its event with this sequence number (sequenced per aggregate, as every processor of the engine is).
     *
     * @return whether it had, in time ({@code false} also when the event or the token cannot be read)
     */
    public boolean awaitHandled(String processor, String aggregateId, long sequence, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            OptionalLong position = positions.positionOf(aggregateId, sequence);
            if (position.isEmpty()) {
                log.debug("{}#{} is not in the event log", aggregateId, sequence);
                return false;
            }
            while (true) {
                TrackingToken token = tokenOfSegmentHandling(processor, aggregateId);
                if (passed(token, position.getAsLong())) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.debug(
                            "{} had not passed position {} ({}#{}): {}",
                            processor,
                            position.getAsLong(),
                            aggregateId,
                            sequence,
                            token);
                    return false;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
            }
        } catch (RuntimeException e) {
            log.debug("Could not read the progress of {} for {}#{}", processor, aggregateId, sequence, e);
            return false;
        }
    }

    /**
     * Whether a processor at {@code token} has handled the event at {@code position}: it is at or past it and the
     * position is not one of its gaps. (Not {@link TrackingToken#covers}: that also asks the token to have seen every
     * position below, which a segment waiting for an older, unrelated commit has not.)
     */
    static boolean passed(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        // a replaying token: what it has handled so far
        TrackingToken handled = WrappedToken.unwrapLowerBound(token);
        if (handled instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return handled != null && handled.position().orElse(-1) >= position;
    }

    /** The stored token of the processor's segment whose share of aggregates includes this one (null if none). */
    TrackingToken tokenOfSegmentHandling(String processor, String aggregateId) {
        Map<Integer, Document> bySegment = segmentTokens(processor);
        if (bySegment.isEmpty()) {
            return null;
        }
        int[] ids = bySegment.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (int id : ids) {
            if (Segment.computeSegment(id, ids).matches(aggregateId)) {
                return token(bySegment.get(id));
            }
        }
        return null;
    }

    /**
     * The processor's token documents: the last read of them if it started less than a poll interval ago, else a new
     * read. Requests asking at the same moment wait for one read ({@link ConcurrentMap#compute} holds the processor's
     * entry while it runs).
     */
    private Map<Integer, Document> segmentTokens(String processor) {
        return latest.compute(processor, (name, last) -> {
                    long now = nanoTime.getAsLong();
                    if (last != null && now - last.startedAt() < POLL_NANOS) {
                        return last;
                    }
                    Map<Integer, Document> bySegment = new TreeMap<>();
                    for (Document document : tokens.find(Filters.eq("processorName", name))) {
                        bySegment.put(document.getInteger("segment"), document);
                    }
                    return new Read(now, bySegment);
                })
                .bySegment();
    }

    private TrackingToken token(Document document) {
        Object stored = document.get("token");
        String type = document.getString("tokenType");
        if (!(stored instanceof Binary binary) || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(binary.getData(), byte[].class, type, null));
    }
}
