package io.orderengine.infrastructure.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

/**
 * A token store that remembers which segments this instance holds, so that a processor holding all of its segments
 * is not answered from the store when it looks for more.
 *
 * <p>Every pooled processor looks for segments to claim every {@code tokenClaimInterval} (5 s), whether or not it
 * already holds them all: Axon's Mongo token store answers with two queries (the processor's segments, then those
 * free or expired). With 13 processors that was 312 of an idle engine's 602 store commands a minute. Here the answer
 * comes from memory when this instance holds every segment of the processor: then no segment can be free for it (a
 * segment another instance took over after this one's claim lapsed is found by this instance's next extension or
 * token update, which fails and drops it from the held set). In every other case the store is asked as before, so a
 * released or failed segment is claimed again at Axon's usual pace.
 *
 * <p>Held: claimed by {@link #fetchToken} here, until released, deleted, or found lost (an {@link
 * UnableToClaimTokenException} from an extension, a token update or a claim). The processor's segment ids are read
 * from the store again after any of these, and after anything that adds or removes a segment through this store
 * (initialising, splitting, merging).
 */
public final class HeldSegments extends ForwardingTokenStore {

    private final Map<String, Set<Integer>> held = new ConcurrentHashMap<>();
    private final Map<String, int[]> segmentIds = new ConcurrentHashMap<>();

    public HeldSegments(TokenStore delegate) {
        super(delegate);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        Set<Integer> mine = held.get(processorName);
        if (mine != null && !mine.isEmpty()) {
            int[] all = segmentIds.computeIfAbsent(processorName, delegate::fetchSegments);
            List<Segment> segments = new ArrayList<>(all.length);
            for (int id : all) {
                if (!mine.contains(id)) {
                    return delegate.fetchAvailableSegments(processorName);
                }
                segments.add(Segment.computeSegment(id, all));
            }
            // what the store would answer: the segments whose owner is this instance
            return segments;
        }
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return claimed(processorName, segment, () -> delegate.fetchToken(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return claimed(processorName, segment.getSegmentId(), () -> delegate.fetchToken(processorName, segment));
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        holding(processorName, segment, () -> delegate.extendClaim(processorName, segment));
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        holding(processorName, segment, () -> delegate.storeToken(token, processorName, segment));
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        drop(processorName, segment);
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        drop(processorName, segment);
        reshaping(processorName, () -> delegate.deleteToken(processorName, segment));
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        reshaping(processorName, () -> delegate.initializeSegment(token, processorName, segment));
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        reshaping(processorName, () -> delegate.initializeTokenSegments(processorName, segmentCount));
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        reshaping(processorName, () -> delegate.initializeTokenSegments(processorName, segmentCount, initialToken));
    }

    @Override
    public int[] fetchSegments(String processorName) {
        int[] ids = delegate.fetchSegments(processorName);
        segmentIds.put(processorName, ids.clone());
        return ids;
    }

    private TrackingToken claimed(String processorName, int segment, Supplier<TrackingToken> claim) {
        TrackingToken token = holding(processorName, segment, claim);
        held.computeIfAbsent(processorName, name -> ConcurrentHashMap.newKeySet())
                .add(segment);
        segmentIds.remove(processorName);
        return token;
    }

    private void holding(String processorName, int segment, Runnable call) {
        holding(processorName, segment, () -> {
            call.run();
            return null;
        });
    }

    /** Runs a call on a segment's claim; a claim the store refuses is no longer held. */
    private <T> T holding(String processorName, int segment, Supplier<T> call) {
        try {
            return call.get();
        } catch (UnableToClaimTokenException e) {
            drop(processorName, segment);
            throw e;
        }
    }

    /** A call that adds or removes segments of the processor: their ids are read again afterwards. */
    private void reshaping(String processorName, Runnable call) {
        try {
            call.run();
        } finally {
            segmentIds.remove(processorName);
        }
    }

    private void drop(String processorName, int segment) {
        Set<Integer> mine = held.get(processorName);
        if (mine != null) {
            mine.remove(segment);
        }
        segmentIds.remove(processorName);
    }
}
