package io.orderengine.query.projection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one projection is: its live processor's segments with their positions, the head of the event store,
 * the lag between them, the collections that serve it and its last rebuild since start-up (null if none).
 * Positions are global event positions from the tracking tokens ({@code TrackingToken.position()}); a figure is
 * null when it cannot be known here: tokens without positions (the stock axon-mongo engine), or a live processor
 * that runs on another instance.
 *
 * @param position    the lowest position over the segments (what every segment has processed)
 * @param lag         {@code headPosition - position}: events not yet processed by every segment
 * @param generation  the collection generation that serves the projection
 * @param collections base collection name → collection that serves it now
 */
public record ProjectionStatus(
        String name,
        boolean running,
        boolean error,
        List<SegmentStatus> segments,
        Long position,
        Long headPosition,
        Long lag,
        int generation,
        Map<String, String> collections,
        RebuildProgress rebuild) {

    public ProjectionStatus {
        segments = List.copyOf(segments);
        collections = Collections.unmodifiableMap(new LinkedHashMap<>(collections));
    }

    /** One segment of the live processor: its position, whether it is caught up, replaying or failing. */
    public record SegmentStatus(int segment, Long position, boolean caughtUp, boolean replaying, String error) {}
}
