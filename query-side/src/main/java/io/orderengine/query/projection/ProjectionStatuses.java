package io.orderengine.query.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Assembles a {@link ProjectionStatus} for {@link ProjectionRebuilder}: the live processor's segments and their lowest
 * position, the lag behind the head of the event store, and the collection generation that serves the projection.
 */
final class ProjectionStatuses {

    private final Function<String, Optional<StreamingEventProcessor>> liveProcessors;
    private final ProjectionCollections collections;

    ProjectionStatuses(
            Function<String, Optional<StreamingEventProcessor>> liveProcessors, ProjectionCollections collections) {
        this.liveProcessors = liveProcessors;
        this.collections = collections;
    }

    /** The status of {@code projection}; {@code rebuild} gives its last rebuild's progress (null if none). */
    ProjectionStatus status(RebuildableProjection projection, Long headPosition, Supplier<RebuildProgress> rebuild) {
        String name = projection.processingGroup();
        Optional<StreamingEventProcessor> live = liveProcessors.apply(name);
        List<ProjectionStatus.SegmentStatus> segments = new ArrayList<>();
        live.ifPresent(processor -> processor.processingStatus().values().stream()
                .sorted((a, b) -> Integer.compare(
                        a.getSegment().getSegmentId(), b.getSegment().getSegmentId()))
                .forEach(status -> segments.add(segmentStatus(status))));
        Long position = segments.isEmpty() || segments.stream().anyMatch(s -> s.position() == null)
                ? null
                : segments.stream()
                        .mapToLong(ProjectionStatus.SegmentStatus::position)
                        .min()
                        .orElseThrow();
        Long lag = position == null || headPosition == null ? null : Math.max(0, headPosition - position);
        int generation = collections.activeGeneration(name);
        Map<String, String> names = new LinkedHashMap<>();
        projection
                .collections()
                .forEach(base -> names.put(base, ProjectionCollections.collectionName(base, generation)));
        return new ProjectionStatus(
                name,
                live.map(StreamingEventProcessor::isRunning).orElse(false),
                live.map(StreamingEventProcessor::isError).orElse(false),
                segments,
                position,
                headPosition,
                lag,
                generation,
                names,
                rebuild.get());
    }

    private static ProjectionStatus.SegmentStatus segmentStatus(EventTrackerStatus status) {
        return new ProjectionStatus.SegmentStatus(
                status.getSegment().getSegmentId(),
                boxed(status.getCurrentPosition()),
                status.isCaughtUp(),
                status.isReplaying(),
                status.isErrorState() && status.getError() != null
                        ? status.getError().toString()
                        : null);
    }

    static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
