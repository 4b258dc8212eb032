package io.orderengine.infrastructure.pipeline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
 */
public class OtherInstancesProgress {

    private static final Logger log = LoggerFactory.getLogger(OtherInstancesProgress.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Where an aggregate's event is in the log (global position), if stored. */
    @FunctionalInterface
    public interface Positions {
        OptionalLong positionOf(String aggregateId, long sequence);
    }

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final Positions positions;

    public OtherInstancesProgress(MongoCollection<Document> tokens, Serializer serializer, Positions positions) {
        this.tokens = tokens;
        this.serializer = serializer;
        this.positions = positions;
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
        Map<Integer, Document> bySegment = new TreeMap<>();
        for (Document document : tokens.find(Filters.eq("processorName", processor))) {
            bySegment.put(document.getInteger("segment"), document);
        }
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

    private TrackingToken token(Document document) {
        Object stored = document.get("token");
        String type = document.getString("tokenType");
        if (!(stored instanceof Binary binary) || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(binary.getData(), byte[].class, type, null));
    }
}
